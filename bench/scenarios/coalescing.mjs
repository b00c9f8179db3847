// Scenario 2: 100 concurrent cold reads of one name. API calls come from the emulator's counters; wall time is the
// median of three cold runs with a fixed emulator latency.
import { NAMES, withLatency } from '../lib/emulator.mjs';
import { median, timeMs } from '../lib/stats.mjs';

const CONCURRENT = 100;
const RUNS = 3;

/** Calls of `operation` and wall time of `read` run CONCURRENT times at once; `reset` makes the run cold. */
async function measure(emulator, operation, reset, read) {
  const calls = [];
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const invoke = await reset();
    const before = emulator.requests.count(operation);
    times.push(await timeMs(() => Promise.all(Array.from({ length: CONCURRENT }, () => read(invoke)))));
    calls.push(emulator.requests.count(operation) - before);
  }
  if (new Set(calls).size !== 1) throw new Error(`coalescing: call counts differ between runs: ${calls}`);
  return { calls: calls[0], ms: median(times) };
}

export async function coalescing({ emulator, paramkit, powertools, middy, latencyMs }) {
  for (const lib of [paramkit, powertools]) {
    await lib.getParameter(NAMES.warm.parameter); // creates the SDK clients outside the timing
    await lib.getSecret(NAMES.warm.secret);
  }
  await middy.ssmHandler({ value: NAMES.warm.parameter })(); // and connects middy's shared clients
  await middy.secretsHandler({ value: NAMES.warm.secret })();
  const kinds = [
    { label: '`getParameter`', operation: 'GetParameter', name: NAMES.cold.parameter, read: 'getParameter' },
    { label: '`getSecret`', operation: 'GetSecretValue', name: NAMES.cold.secret, read: 'getSecret' },
  ];
  const middyKinds = {
    getParameter: { operation: 'GetParameters', handler: () => middy.ssmHandler({ value: NAMES.cold.parameter }) },
    getSecret: { operation: 'GetSecretValue', handler: () => middy.secretsHandler({ value: NAMES.cold.secret }) },
  };
  const rows = [];
  await withLatency(emulator, latencyMs, async () => {
    for (const kind of kinds) {
      const result = {};
      for (const lib of [paramkit, powertools]) {
        const reset = () => lib.clearCaches();
        result[lib.name] = await measure(emulator, kind.operation, reset, () => lib[kind.read](kind.name));
      }
      const viaMiddy = middyKinds[kind.read];
      // middy: 100 concurrent invocations of one handler, its cache cold.
      result.middy = await measure(emulator, viaMiddy.operation, viaMiddy.handler, (invoke) => invoke());
      const row = (measure, unit, pick) => ({
        scenario: 2,
        measure,
        short: `${CONCURRENT} cold ${kind.read}: ${unit === 'ms' ? 'wall time' : 'API calls'}`,
        unit,
        paramkit: pick(result.paramkit),
        powertools: pick(result.powertools),
        middy: pick(result.middy),
        chart: true,
      });
      rows.push(
        row(`${CONCURRENT} concurrent cold ${kind.label} of one name: API calls`, 'calls', (r) => r.calls),
        row(`${CONCURRENT} concurrent cold ${kind.label} of one name: wall time`, 'ms', (r) => r.ms),
      );
    }
  });
  return rows;
}
