#!/usr/bin/env node
// Latency across expiry through the agent: one secret with a 1 s TTL read 1,000 times a second for SECONDS
// (default 10, so ten expiries) from each of two agents, reads alternating, with 20 ms of Secrets Manager latency
// in the emulator: one agent at its defaults (refresh-ahead at 0.8 of the TTL), one with refresh-ahead off (as the
// AWS extension and the Secrets Manager Agent behave). Prints p50 / p99 / max and the calls each made to AWS.
// Needs the packages built (`pnpm -r --filter './packages/**' run build`).
// Usage: node bench/expiry.mjs [seconds]
import { Agent, request } from 'node:http';
import { startEmulator } from '@paramkit/emulator';
import { resolveConfig, startAgent } from '../dist/index.js';

const SECONDS = Math.max(2, Math.min(Math.round(Number(process.argv[2] ?? 10)), 60));
const READS_PER_SECOND = 1000;
const TOKEN = 'bench-expiry-token';
const PATH = '/secretsmanager/get?secretId=bench%2Fsecret';

const emulator = await startEmulator({
  port: 0,
  seed: { secretsmanager: { secrets: [{ name: 'bench/secret', value: '{"user":"bench","password":"x"}' }] } },
});
emulator.faults.add({ service: 'secretsmanager', latencyMs: 20 });

async function start(name, extra) {
  const env = {
    AWS_SESSION_TOKEN: TOKEN,
    PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'none',
    SECRETS_MANAGER_TTL: '1',
    ...extra,
  };
  const { config } = resolveConfig(env, { endpoint: emulator.endpoint, port: 0 });
  const agent = await startAgent({
    config,
    clientOverrides: { credentials: { accessKeyId: 'x', secretAccessKey: 'x' } },
  });
  return { name, agent, http: new Agent({ keepAlive: true, maxSockets: 1 }), samples: [] };
}

const targets = [
  await start('paramkit-agent, defaults (refresh-ahead 0.8)', {}),
  await start('paramkit-agent, PARAMKIT_AGENT_REFRESH_AHEAD=off', { PARAMKIT_AGENT_REFRESH_AHEAD: 'off' }),
];

function get(target) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port: target.agent.port,
        path: PATH,
        agent: target.http,
        headers: { 'x-aws-parameters-secrets-token': TOKEN },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${target.name} answered ${res.statusCode}`));
          else resolve(performance.now() - started);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// Warm both caches (and connections), then read on a schedule: each tick one read from each agent.
for (const target of targets) await get(target);
const before = targets.map((target) => target.agent.secrets.stats().apiCalls);
const total = SECONDS * READS_PER_SECOND;
const startedAt = performance.now();
for (let index = 0; index < total; index++) {
  for (const target of targets) target.samples.push(await get(target));
  const due = startedAt + ((index + 1) * 1000) / READS_PER_SECOND;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value) => value.toFixed(2);
process.stdout.write(
  `\n${total} reads per agent over ${SECONDS} s (a 1 s TTL: ${SECONDS} expiries), 20 ms of Secrets Manager latency, ` +
    `Node.js ${process.version}\n\n| target | p50 (ms) | p99 (ms) | max (ms) | reads over 10 ms | AWS calls |\n` +
    '| --- | ---: | ---: | ---: | ---: | ---: |\n',
);
for (const [index, target] of targets.entries()) {
  const sorted = [...target.samples].sort((a, b) => a - b);
  const slow = sorted.filter((value) => value > 10).length;
  const calls = target.agent.secrets.stats().apiCalls - (before[index] ?? 0);
  process.stdout.write(
    `| ${target.name} | ${ms(quantile(sorted, 0.5))} | ${ms(quantile(sorted, 0.99))} | ${ms(sorted.at(-1))} | ${slow} | ${calls} |\n`,
  );
}
for (const target of targets) {
  target.http.destroy();
  await target.agent.close();
}
await emulator.stop();
