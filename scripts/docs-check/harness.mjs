// Runs one documentation sample in a process of its own: `node harness.mjs <plan.json>`.
// The plan (written by run.mjs) says which module to import, whether to start the embedded emulator for it (with
// which seed), and whether to invoke the `handler` it exports. Exit code 0 when everything resolved, 1 otherwise.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));

/** What Lambda passes as the second argument, enough for handlers that log or read the remaining time. */
function lambdaContext() {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'docs-sample',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:docs-sample',
    memoryLimitInMB: '128',
    awsRequestId: '00000000-0000-4000-8000-000000000000',
    logGroupName: '/aws/lambda/docs-sample',
    logStreamName: 'docs-check',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}

async function main() {
  let emulator;
  if (plan.emulator) {
    const { startEmulator } = await import(pathToFileURL(plan.emulator).href);
    emulator = await startEmulator({ seed: plan.seed ?? undefined });
    // Before the sample is imported, so that every AWS SDK client it creates talks to this emulator.
    process.env.AWS_ENDPOINT_URL = emulator.endpoint;
  }
  try {
    const sample = await import(pathToFileURL(plan.module).href);
    if (plan.invoke && typeof sample.handler === 'function') {
      const result = await sample.handler({}, lambdaContext());
      if (plan.verbose) console.log('handler returned', result);
    }
  } finally {
    await emulator?.stop();
  }
}

main().then(
  // Exit at once: a sample may leave a timer or a client's sockets open, which is not what is checked here.
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
