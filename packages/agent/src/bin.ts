#!/usr/bin/env node
// The AWS SDK warns on Node.js 20 when a client is created; this command's output stays clean unless asked.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

void import('./cli.js').then(async ({ runCli }) => {
  const result = await runCli(process.argv.slice(2), process.env, process);
  if (result.kind === 'exit') process.exit(result.code);
  const stop = () => {
    void result.agent.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
