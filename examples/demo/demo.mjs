import './quiet.mjs';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '@paramkit/emulator';
import { DEFAULT_PROVIDERS } from '@paramkit/parameters/base';
import { getParameter, getParametersByName, SSMProvider } from '@paramkit/parameters/ssm';
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

// 2. The helpers use a shared default provider; giving it the demo's clock lets maxAge expire without waiting.
const ssm = new SSMProvider({ now: clock.now });
DEFAULT_PROVIDERS.ssm = ssm;

// 3. The reads a handler would make on each invocation, written exactly as against real AWS.
const reads = [
  ['getParameter /demo/api-url', () => getParameter('/demo/api-url', { maxAge: 5 })],
  ['getParameter /demo/db (decrypt, json)', () => getParameter('/demo/db', { decrypt: true, transform: 'json' })],
  [
    'getParametersByName (3 names)',
    () =>
      getParametersByName(
        { '/demo/region': {}, '/demo/limits.json': { transform: 'json' }, '/demo/api-url': {} },
        { maxAge: 5 },
      ),
  ],
];

const rows = [];
async function measure(label, read) {
  const before = ssm.stats();
  const started = performance.now();
  const value = await read();
  const micros = (performance.now() - started) * 1000;
  const after = ssm.stats();
  const source =
    after.staleServed > before.staleServed ? 'stale' : after.apiCalls > before.apiCalls ? 'AWS call' : 'cache';
  rows.push({ t: clock.elapsedSeconds(), label, source, micros, requests: emulator.requests.count() });
  return value;
}

// Four invocations: cold, warm, after expiry, and one more inside the new maxAge.
for (const step of [0, 1, 5, 1]) {
  clock.advance(step);
  for (const [label, read] of reads) await measure(label, read);
}
const db = await getParameter('/demo/db', { decrypt: true, transform: 'json', throwOnMissing: true });

const pad = (text, width) => String(text).padEnd(width);
console.log('paramkit demo: reads through @paramkit/parameters against the embedded emulator\n');
console.log(`${pad('t (s)', 7)}${pad('call', 42)}${pad('source', 10)}${pad('latency', 12)}emulator requests`);
for (const row of rows) {
  const latency = row.micros >= 1000 ? `${(row.micros / 1000).toFixed(1)} ms` : `${row.micros.toFixed(0)} µs`;
  console.log(`${pad(row.t, 7)}${pad(row.label, 42)}${pad(row.source, 10)}${pad(latency, 12)}${row.requests}`);
}
const stats = ssm.stats();
console.log(`\ndecrypted and parsed /demo/db: host=${db.host}, port=${db.port}`);
console.log(
  `stats: ${stats.hits} hits, ${stats.misses} misses, ${stats.apiCalls} API calls, ${stats.staleServed} stale, ` +
    `${stats.size} cached entries`,
);
console.log(`emulator requests by operation: ${JSON.stringify(emulator.requests.snapshot())}`);
await emulator.stop();
