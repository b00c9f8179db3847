#!/usr/bin/env node
// Load test of the agent's cache-hit path next to a bare node:http server answering the same bytes, in one run.
// Targets 127.0.0.1 only, bounded: SECONDS per target (default 5, at most 30) with 10 connections, after a 1 s
// warm-up each. The seconds are run as 1 s rounds alternating between the two targets, so a busy machine slows
// both alike. Needs the packages built (`pnpm -r --filter './packages/**' run build`).
// Usage: node bench/load.mjs [seconds]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const SECONDS = Math.max(1, Math.min(Math.round(Number(process.argv[2] ?? 5)), 30));
const CONNECTIONS = 10;

const child = spawn(process.execPath, [new URL('./servers.mjs', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
const [line] = await once(createInterface({ input: child.stdout }), 'line');
const servers = JSON.parse(line);

const targets = [
  // The same request to both: the bare server ignores the token header, but reads it.
  {
    name: 'bare node:http, fixed body',
    port: servers.bare,
    headers: { 'x-aws-parameters-secrets-token': servers.token },
    rounds: [],
    samples: [],
  },
  {
    name: 'paramkit-agent, cache hit',
    port: servers.agent,
    headers: { 'x-aws-parameters-secrets-token': servers.token },
    rounds: [],
    samples: [],
  },
];

/** One autocannon run; `samples` receives every response time in ms (autocannon's own histogram keeps whole ms). */
function load(target, duration, samples) {
  const run = autocannon({
    url: `http://127.0.0.1:${target.port}${servers.path}`,
    connections: CONNECTIONS,
    duration,
    headers: target.headers,
  });
  if (samples) run.on('response', (_client, _status, _bytes, ms) => samples.push(ms));
  return run;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

try {
  for (const target of targets) await load(target, 1); // warm-up: JIT, connections
  for (let round = 0; round < SECONDS; round++) {
    for (const target of targets) {
      const result = await load(target, 1, target.samples);
      const failed = result.non2xx + result.errors + result.timeouts;
      if (failed > 0) throw new Error(`${target.name}: ${failed} failed requests`);
      target.rounds.push(result);
    }
  }
} finally {
  child.kill('SIGTERM');
}

const summary = targets.map((target) => {
  const sorted = Float64Array.from(target.samples).sort();
  return {
    name: target.name,
    rps: median(target.rounds.map((r) => r.requests.average)),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
});
const [bare, agent] = summary;
console.log(
  `\n${CONNECTIONS} connections, ${SECONDS} × 1 s rounds per target (alternating), ${servers.bytes}-byte JSON body, ` +
    `Node.js ${process.version}; req/s: median of the rounds; latency: every response of the rounds\n`,
);
console.log('| target | req/s | p50 (µs) | p99 (µs) | vs bare |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const us = (ms) => Math.round(ms * 1000).toLocaleString('en-US');
for (const r of summary) {
  const share = `${Math.round((r.rps / bare.rps) * 100)}%`;
  console.log(`| ${r.name} | ${Math.round(r.rps).toLocaleString('en-US')} | ${us(r.p50)} | ${us(r.p99)} | ${share} |`);
}
process.exitCode = agent.rps / bare.rps >= 0.7 ? 0 : 1;
