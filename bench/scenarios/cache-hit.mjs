// Scenario 1: what a cache hit costs. Each library's `getParameter`/`getSecret` helper, primed with one real fetch
// from the emulator, is called in a loop of awaited calls; the figure is the best of five interleaved rounds.
import { NAMES } from '../lib/emulator.mjs';

const ROUNDS = 5;
const TARGET_MS = 150;
const MAX_AGE = 3600;

async function loop(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Iterations that take about TARGET_MS, after a warm-up that also lets the JIT settle. */
async function calibrate(fn) {
  let iterations = 1_000;
  let ns = await loop(fn, iterations);
  while (ns * iterations < 30e6 && iterations < 1_000_000) {
    iterations *= 4;
    ns = await loop(fn, iterations);
  }
  return Math.max(10_000, Math.min(3_000_000, Math.round((TARGET_MS * 1e6) / ns)));
}

function cases(paramkit, powertools) {
  const map = new Map([[NAMES.hit.parameter, { value: 'v', expiresAt: Date.now() + 3_600_000 }]]);
  const baseline = async () => {
    const entry = map.get(NAMES.hit.parameter);
    return entry !== undefined && entry.expiresAt > Date.now() ? entry.value : undefined;
  };
  const list = [{ key: 'baseline', fn: baseline }];
  for (const lib of [paramkit, powertools]) {
    const { parameter, secret } = NAMES.hit;
    list.push(
      { key: `${lib.name}:getParameter`, fn: () => lib.getParameter(parameter, { maxAge: MAX_AGE }) },
      {
        key: `${lib.name}:getParameter json`,
        fn: () => lib.getParameter(parameter, { maxAge: MAX_AGE, transform: 'json' }),
      },
      { key: `${lib.name}:getSecret`, fn: () => lib.getSecret(secret, { maxAge: MAX_AGE }) },
      { key: `${lib.name}:getSecret json`, fn: () => lib.getSecret(secret, { maxAge: MAX_AGE, transform: 'json' }) },
    );
  }
  return list;
}

export async function cacheHit({ emulator, paramkit, powertools }) {
  const list = cases(paramkit, powertools);
  for (const { fn } of list) await fn(); // the one fetch that fills each cache entry
  const requestsBefore = emulator.requests.count();
  const best = new Map();
  const iterations = new Map();
  for (const { key, fn } of list) iterations.set(key, await calibrate(fn));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { key, fn } of list) {
      const ns = await loop(fn, iterations.get(key));
      best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, ns));
    }
  }
  const missed = emulator.requests.count() - requestsBefore;
  if (missed > 0) throw new Error(`cache-hit: ${missed} calls reached the emulator while timing hits`);
  const baseline = best.get('baseline');
  const row = (measure, suffix) => ({
    scenario: 1,
    measure,
    short: `${suffix} (hit)`,
    unit: 'ns',
    paramkit: best.get(`paramkit:${suffix}`),
    powertools: best.get(`powertools:${suffix}`),
    baseline,
    chart: true,
  });
  return [
    row('`getParameter` cache hit', 'getParameter'),
    row("`getParameter` cache hit, `transform: 'json'`", 'getParameter json'),
    row('`getSecret` cache hit', 'getSecret'),
    row("`getSecret` cache hit, `transform: 'json'`", 'getSecret json'),
  ];
}
