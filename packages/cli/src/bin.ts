#!/usr/bin/env node
// The AWS SDK warns on Node.js 20 when a client is created; set before the SDK loads (hence the dynamic import).
// `exec` hands the environment to the command it runs: it gets the variable only if the user set it.
const WARNING_VARIABLE = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
const userEnv = { ...process.env };
process.env[WARNING_VARIABLE] ??= 'true';

void import('./runCli.js')
  .then(async ({ runCli }) => {
    const io = {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      childEnv: userEnv,
      cwd: process.cwd(),
      signals: process,
    };
    process.exitCode = await runCli(process.argv.slice(2), io);
  })
  .catch(() => {
    // runCli reports every error itself; anything else is printed without its text, which could hold a value.
    process.stderr.write('paramkit: internal error\n');
    process.exitCode = 1;
  });
