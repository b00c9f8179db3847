import './quiet.mjs';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '@paramkit/emulator';
import { AppConfigProvider } from '@paramkit/parameters/appconfig';
import { DEFAULT_PROVIDERS } from '@paramkit/parameters/base';
import { SecretsProvider } from '@paramkit/parameters/secrets';
import { SSMProvider } from '@paramkit/parameters/ssm';
import { virtualClock } from './clock.mjs';
import { seed } from './seed.mjs';

// 1. The embedded emulator stands in for AWS: no account, no network beyond loopback.
const clock = virtualClock();
const emulator = await startEmulator({ seed, now: clock.now });
Object.assign(process.env, {
  AWS_ENDPOINT_URL: emulator.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'demo',
  AWS_SECRET_ACCESS_KEY: 'demo',
});

// 2. The helpers (getParameter, getSecret, getAppConfig) share default providers. Giving them the demo's clock
//    lets maxAge expire between invocations without waiting; the handler's code does not change.
const providers = {
  ssm: new SSMProvider({ now: clock.now }),
  secrets: new SecretsProvider({ now: clock.now }),
  appconfig: new AppConfigProvider({ application: 'demo', environment: 'prod', now: clock.now }),
};
Object.assign(DEFAULT_PROVIDERS, providers);
const { handler, settings } = await import('./handler.mjs');
providers.dynamodb = settings;

// 3. The story: invocations over simulated time, with a rotation, a deployment and an outage in the middle.
const timeline = [
  { at: 0, event: 'cold start' },
  { at: 1, event: 'warm' },
  { at: 2, event: 'secret rotated', before: () => rotateSecret('second-password') },
  { at: 6, event: 'maxAge passed' },
  { at: 9, event: 'flags deployed', before: () => deployFlags({ newCheckout: true }) },
  { at: 16, event: 'SSM throttled', before: () => emulator.faults.add({ service: 'ssm', throttleRate: 1, times: 3 }) },
  // The throttled reads got their stale values within staleAnswerMs while the refreshes went on. The steps take no
  // real time, so the demo first lets those refreshes end: the SDK retries a throttled call after up to 2 s.
  { at: 18, event: 'recovered', before: () => requestsSettled(2_500) },
];

/** Resolves once the emulator has seen no new request for `quietMs` of real time. */
async function requestsSettled(quietMs) {
  let seen = -1;
  while (seen !== emulator.requests.count()) {
    seen = emulator.requests.count();
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

function rotateSecret(password) {
  emulator.secretsManager.putSecretValue('demo/db-credentials', JSON.stringify({ username: 'app', password }));
}
function deployFlags(content) {
  emulator.appConfig.deploy({ application: 'demo', environment: 'prod', profile: 'flags', content });
}

function sourceOf(before, after) {
  if (after.staleServed > before.staleServed) return 'stale';
  if (after.apiCalls > before.apiCalls) return 'AWS';
  return 'cache';
}

const rows = [];
for (const step of timeline) {
  clock.advance(step.at - clock.elapsedSeconds());
  await step.before?.();
  const before = Object.fromEntries(Object.entries(providers).map(([name, p]) => [name, p.stats()]));
  const started = performance.now();
  const result = await handler();
  const ms = performance.now() - started;
  const sources = Object.fromEntries(
    Object.entries(providers).map(([name, p]) => [name, sourceOf(before[name], p.stats())]),
  );
  rows.push({ ...step, ms, sources, result, requests: emulator.requests.count() });
}
await emulator.stop();

// 4. What happened, one line per invocation, then the providers' own counts.
const pad = (text, width) => String(text).padEnd(width);
const header = [
  't (s)',
  'event',
  'ssm',
  'secrets',
  'appconfig',
  'dynamodb',
  'latency',
  'AWS calls',
  'password',
  'flag',
];
const widths = [6, 16, 7, 9, 11, 10, 10, 11, 10, 5];
const line = (cells) => cells.map((cell, i) => pad(cell, widths[i])).join('');
console.log('paramkit demo: a Lambda handler reading SSM, Secrets Manager, AppConfig and DynamoDB');
console.log('through @paramkit/parameters, against the embedded emulator (no AWS account, no network)\n');
console.log(line(header));
for (const row of rows) {
  const { ssm, secrets, appconfig, dynamodb } = row.sources;
  const latency = row.ms >= 1 ? `${row.ms.toFixed(1)} ms` : `${(row.ms * 1000).toFixed(0)} µs`;
  console.log(
    line([
      row.at,
      row.event,
      ssm,
      secrets,
      appconfig,
      dynamodb,
      latency,
      row.requests,
      row.result.password,
      String(row.result.newCheckout),
    ]),
  );
}
console.log('\nsummary from stats():');
for (const [name, provider] of Object.entries(providers)) {
  const s = provider.stats();
  console.log(
    `  ${pad(name, 10)}${s.hits} hits, ${s.misses} misses, ${s.coalesced} coalesced, ${s.staleServed} stale, ` +
      `${s.apiCalls} API calls, ${s.size} cached`,
  );
}
console.log(`emulator requests: ${JSON.stringify(emulator.requests.snapshot())}`);
