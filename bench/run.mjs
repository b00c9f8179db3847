#!/usr/bin/env node
// paramkit's benchmarks against Powertools (the anchor) and middy, on loopback against the emulator; prints the
// results and rewrites the results sections of docs/performance.md and docs/performance.svg.
// Usage (after building the packages): node bench/run.mjs [--only 1,3] (--only runs a subset and writes nothing)
import './lib/env.mjs';
import { parseArgs } from 'node:util';
import { writeChart } from './chart.mjs';
import { fleetReport, parseFleetArgs } from './fleet.mjs';
import { replaceSection } from './lib/doc.mjs';
import { startBenchEmulator } from './lib/emulator.mjs';
import { callsTable, resultsTable } from './lib/format.mjs';
import { loadMiddy, loadParamkit, loadPowertools } from './lib/libraries.mjs';
import { machine } from './lib/machine.mjs';
import { assertBuilt, CHART, DOC } from './lib/paths.mjs';
import { agent } from './scenarios/agent.mjs';
import { batching } from './scenarios/batching.mjs';
import { bundleSize } from './scenarios/bundle-size.mjs';
import { cacheHit } from './scenarios/cache-hit.mjs';
import { coalescing } from './scenarios/coalescing.mjs';
import { coldStart } from './scenarios/cold-start.mjs';
import { config } from './scenarios/config.mjs';
import { latencyAcrossExpiry, outage, rotation } from './scenarios/freshness.mjs';
import { heap } from './scenarios/heap.mjs';

const LATENCY_MS = 5;
const SCENARIOS = [
  { id: 1, title: 'cache hit', run: cacheHit },
  { id: 2, title: 'concurrent cold gets', run: coalescing },
  { id: 3, title: '50 values at once', run: batching },
  { id: 4, title: 'cold start', run: coldStart },
  { id: 4, title: 'bundle size', run: bundleSize },
  { id: 5, title: 'heap', run: heap },
  { id: 6, title: 'agent', run: agent },
  { id: 7, title: '30 values, one declaration', run: config },
  { id: 8, title: 'latency across expiry', run: latencyAcrossExpiry },
  { id: 9, title: '60 s outage (virtual time)', run: outage },
  { id: 10, title: 'rotation (virtual time)', run: rotation },
];
/** The fleet model runs shown in the doc: the defaults, then long lifetimes, then a multi-concurrency service. */
const FLEET_RUNS = [
  [],
  ['--max-age', '300', '--duration', '3000'],
  ['--concurrency', '10', '--rps', '100', '--latency-ms', '50'],
];

const { values: flags } = parseArgs({ options: { only: { type: 'string' } } });
const only = flags.only === undefined ? undefined : new Set(flags.only.split(',').map(Number));
assertBuilt();

const started = Date.now();
const host = machine();
if (host.load > host.cores / 2) {
  process.stderr.write(`note: load average ${host.load.toFixed(2)} on ${host.cores} cores; figures will be noisy\n`);
}
const emulator = await startBenchEmulator();
const context = {
  emulator,
  latencyMs: LATENCY_MS,
  paramkit: await loadParamkit(),
  powertools: await loadPowertools(),
  middy: await loadMiddy(),
};
const rows = [];
const notes = [];
try {
  for (const scenario of SCENARIOS) {
    if (only !== undefined && !only.has(scenario.id)) continue;
    process.stderr.write(`▶ ${scenario.id}. ${scenario.title}…`);
    const t0 = Date.now();
    const result = await scenario.run(context);
    const produced = Array.isArray(result) ? result : result.rows;
    rows.push(...produced);
    if (!Array.isArray(result) && result.note) notes.push(result.note);
    process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
} finally {
  await emulator.stop();
}
const elapsed = (Date.now() - started) / 1000;

const hostLine =
  `Measured on ${host.cpu} (${host.cores} cores), ${host.memoryGiB.toFixed(1)} GiB memory, Node.js ${host.node}, ` +
  `${host.platform}, one-minute load average ${host.load.toFixed(2)} at the start; ` +
  `\`node bench/run.mjs\` took ${Math.round(elapsed)} s.`;
const results = [
  hostLine,
  '',
  resultsTable(rows),
  ...notes.map((note) => `\n${note}`),
  '',
  'API calls by operation:',
  '',
  callsTable(rows),
  '',
  '![paramkit ÷ Powertools per measure, log scale](performance.svg)',
].join('\n');
const fleet = FLEET_RUNS.map((args) => fleetReport(parseFleetArgs(args))).join('\n\n');

console.log(`\n${results}\n\nFleet model:\n\n${fleet}`);
if (only === undefined) {
  replaceSection(DOC, 'results', results);
  replaceSection(DOC, 'fleet', fleet);
  writeChart(rows, CHART, { subtitle: `${host.cpu}, ${host.cores} cores, Node.js ${host.node}` });
  console.error(`\nwrote ${DOC} and ${CHART}`);
}
