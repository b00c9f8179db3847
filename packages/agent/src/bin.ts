#!/usr/bin/env node
// The AWS SDK warns on Node.js 20 when a client is created; this command's output stays clean unless asked.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// SIGTERM and SIGINT stop the agent with exit code 0, in both modes: installed before anything starts, so that a
// signal during start-up, or while the Lambda extension waits for its next event, is a clean stop too.
const stopping = new AbortController();
const onSignal = (name: NodeJS.Signals) => stopping.abort(name);
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

void import('./cli.js').then(async ({ runCli }) => {
  const result = await runCli(process.argv.slice(2), process.env, process, stopping.signal);
  if (result.kind === 'exit') process.exit(result.code);
  const stop = () => {
    void result.agent.close().then(() => process.exit(0));
  };
  if (stopping.signal.aborted) stop();
  else stopping.signal.addEventListener('abort', stop, { once: true });
});
