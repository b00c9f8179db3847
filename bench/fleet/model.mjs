/**
 * The fleet model: N containers each serve Poisson requests at `rps`; every request reads `keys` values through a
 * lazy cache (a value is fetched by the first request after its lifetime ends). The simulation counts API calls
 * per second of wall time; `expectedPerContainer` is the closed form the simulation is checked against.
 */

/** The two services, their batch sizes and documented throughput quotas (transactions per second). */
export const SERVICES = {
  ssm: {
    title: 'SSM Parameter Store',
    single: 'GetParameter',
    batch: 'GetParameters',
    batchSize: 10,
    // GetParameter, GetParameters and GetParametersByPath share one quota.
    quotas: { single: [40, 10_000], batch: [40, 10_000] },
    quotaNames: ['default 40 TPS', 'higher throughput 10,000 TPS'],
  },
  secrets: {
    title: 'Secrets Manager',
    single: 'GetSecretValue',
    batch: 'BatchGetSecretValue',
    batchSize: 20,
    // GetSecretValue (with DescribeSecret) 10,000 TPS; BatchGetSecretValue its own 100 TPS, not adjustable.
    quotas: { single: [10_000], batch: [100] },
    quotaNames: ['quota of the operation used'],
  },
};

/** The settings compared, from Powertools 2.35's behaviour to every mitigation together. */
export const SETTINGS = [
  {
    name: 'no coalescing, one call per key, aligned (Powertools 2.35 `getParameter`/`getSecret`)',
    coalesce: false,
    batch: false,
    jitter: false,
  },
  {
    name: 'coalescing, one call per key, aligned (paramkit `getParameter`/`getSecret`)',
    coalesce: true,
    batch: false,
    jitter: false,
  },
  { name: 'coalescing, one call per key, jittered', coalesce: true, batch: false, jitter: true },
  {
    name: 'coalescing, batched, aligned (paramkit `getParametersByName`/`getSecretsByName`)',
    coalesce: true,
    batch: true,
    jitter: false,
  },
  { name: 'coalescing, batched, jittered', coalesce: true, batch: true, jitter: true },
];

/** A small deterministic random source (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** API calls one refresh makes: one per key, or one per batch. */
export function callsPerRefresh(options, service, setting) {
  return setting.batch ? Math.ceil(options.keys / service.batchSize) : options.keys;
}

/**
 * Calls made for one expired entry. With coalescing, one. Without, the request that found it expired plus every
 * other request that reads it while that fetch is in flight: rps × latency of them, at most concurrency − 1.
 */
export function missesPerExpiry(options, setting) {
  if (setting.coalesce) return 1;
  return 1 + Math.min(options.concurrency - 1, (options.rps * options.latencyMs) / 1000);
}

/** Mean lifetime: maxAge, or with jitter the middle of [maxAge × (1 − jitter), maxAge]. */
function meanLifetime(options, setting) {
  return setting.jitter ? options.maxAge * (1 - options.jitter / 2) : options.maxAge;
}

/**
 * Closed form of one container's calls per second. A fetch happens at the first request after the lifetime ends;
 * with Poisson arrivals that request comes 1/rps later on average, so one refresh cycle lasts lifetime + 1/rps.
 */
export function expectedPerContainer(options, service, setting) {
  const cycles = 1 / (meanLifetime(options, setting) + 1 / options.rps);
  return cycles * callsPerRefresh(options, service, setting) * missesPerExpiry(options, setting);
}

/**
 * Simulates the fleet for `duration` seconds from a deploy: container i starts at wave × (i + ½) / N with an empty
 * cache. With batching or without jitter, the keys of a batch share one lifetime; with jitter each cache entry
 * (a key, or a batch) draws its own. Returns API calls per whole second.
 */
export function simulate(options, service, setting) {
  const next = random(options.seed);
  const perRefresh = callsPerRefresh(options, service, setting);
  const misses = missesPerExpiry(options, setting);
  // Entries that expire independently, and the calls each refresh costs.
  const entries = setting.jitter ? perRefresh : 1;
  const callsPerEntry = (setting.jitter ? 1 : perRefresh) * misses;
  const lifetime = () => (setting.jitter ? options.maxAge * (1 - options.jitter * next()) : options.maxAge);
  const buckets = new Float64Array(Math.ceil(options.duration));
  const expiries = new Float64Array(entries);
  for (let container = 0; container < options.containers; container++) {
    expiries.fill(0);
    let soonest = 0;
    let t = (options.waveSeconds * (container + 0.5)) / options.containers;
    while (t < options.duration) {
      if (t >= soonest) {
        soonest = Number.POSITIVE_INFINITY;
        for (let e = 0; e < entries; e++) {
          if (t >= expiries[e]) {
            buckets[Math.floor(t)] += callsPerEntry;
            expiries[e] = t + lifetime();
          }
          soonest = Math.min(soonest, expiries[e]);
        }
      }
      t += -Math.log(1 - next()) / options.rps;
    }
  }
  return buckets;
}

function mean(values) {
  return values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
}

function peak(values) {
  return values.reduce((max, v) => Math.max(max, v), 0);
}

/** The closing window in which the busiest second is reported: two lifetimes, and at least a minute. */
export function lastWindowSeconds(options) {
  return Math.max(60, 2 * options.maxAge);
}

/**
 * Figures of one setting: calls per container per second (closed form and simulated, over the last half of the
 * run), the fleet's mean, the busiest second of the deploy wave, of the rest of the run and of its last window,
 * and the largest fleet each quota allows at the mean rate, at the busiest second of refreshes after the wave, and
 * at the busiest second of the wave itself.
 */
export function evaluate(options, service, setting) {
  const buckets = Array.from(simulate(options, service, setting));
  const waveEnd = Math.min(buckets.length, Math.ceil(options.waveSeconds) + 1);
  const steady = buckets.slice(Math.floor(buckets.length / 2));
  const fleetMean = mean(steady);
  const peaks = {
    wave: peak(buckets.slice(0, waveEnd)),
    afterWave: peak(buckets.slice(waveEnd)),
    last: peak(buckets.slice(-lastWindowSeconds(options))),
  };
  const quotas = service.quotas[setting.batch ? 'batch' : 'single'];
  // Calls grow in proportion to the fleet, so the largest fleet under a quota is N × quota ÷ calls.
  const fleetFor = (quota, calls) => Math.floor((quota * options.containers) / calls);
  const largest = quotas.map((quota) => ({
    quota,
    mean: fleetFor(quota, fleetMean),
    refreshPeak: fleetFor(quota, peaks.afterWave),
    wave: fleetFor(quota, peaks.wave),
  }));
  return {
    setting,
    operation: setting.batch ? service.batch : service.single,
    perRefresh: callsPerRefresh(options, service, setting),
    expected: expectedPerContainer(options, service, setting),
    simulated: fleetMean / options.containers,
    fleetMean,
    peaks,
    largest,
  };
}
