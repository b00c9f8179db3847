// Scenarios 7–9: what the freshness policies buy. 7: read latency across expiries (refresh-ahead); 8: a 60 s
// throttling outage of cached keys (stale-if-error, backoff); 9: how soon a rotated secret is seen (rotation
// awareness). 8 and 9 run on virtual time: `Date.now` is replaced by a clock the scenario moves, so a minute (or
// five) of reads takes a few real seconds; every library reads `Date.now` for its cache, so all see the same time.
import { NAMES } from '../lib/emulator.mjs';
import { PARAMKIT_DIST } from '../lib/paths.mjs';

const EXPIRY_READS = 10_000;
const EXPIRIES = 10;
const EXPIRY_LATENCY_MS = 20;

function percentile(sorted, share) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** Reads `read` EXPIRY_READS times, paced over EXPIRIES lifetimes of `maxAgeMs`; latencies in µs. */
async function paced(read, maxAgeMs) {
  for (let i = 0; i < 2000; i++) await read(); // warm-up (JIT), not timed
  const gapMs = (maxAgeMs * EXPIRIES) / EXPIRY_READS;
  const latencies = new Float64Array(EXPIRY_READS);
  const start = performance.now();
  for (let i = 0; i < EXPIRY_READS; i++) {
    const t0 = performance.now();
    await read();
    latencies[i] = (performance.now() - t0) * 1000;
    const due = start + (i + 1) * gapMs;
    const ahead = due - performance.now();
    if (ahead >= 1) await new Promise((resolve) => setTimeout(resolve, Math.floor(ahead)));
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const waited = sorted.filter((us) => us >= EXPIRY_LATENCY_MS * 1000).length;
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1], waited };
}

async function libraries() {
  const [{ SSMProvider }, { SecretsProvider }, pt, ptSecrets] = await Promise.all([
    import(`${PARAMKIT_DIST}ssm/index.js`),
    import(`${PARAMKIT_DIST}secrets/index.js`),
    import('@aws-lambda-powertools/parameters/ssm'),
    import('@aws-lambda-powertools/parameters/secrets'),
  ]);
  return { SSMProvider, SecretsProvider, PtSSMProvider: pt.SSMProvider, PtSecretsProvider: ptSecrets.SecretsProvider };
}

/** Scenario 8: 10,000 reads of one key across ten expiries, 20 ms of emulator latency. */
export async function latencyAcrossExpiry({ emulator, middy }) {
  const libs = await libraries();
  const maxAge = 1; // s: ten expiries in about ten seconds per library
  const name = NAMES.warm.parameter;
  const remove = emulator.faults.add({ latencyMs: EXPIRY_LATENCY_MS });
  const results = {};
  try {
    const ahead = new libs.SSMProvider({ refreshAhead: 0.8 });
    await ahead.get(name, { maxAge });
    results.paramkit = await paced(() => ahead.get(name, { maxAge }), maxAge * 1000);
    const lazy = new libs.SSMProvider();
    await lazy.get(name, { maxAge });
    results.lazy = await paced(() => lazy.get(name, { maxAge }), maxAge * 1000);
    const powertools = new libs.PtSSMProvider();
    await powertools.get(name, { maxAge });
    results.powertools = await paced(() => powertools.get(name, { maxAge }), maxAge * 1000);
    const invoke = middy.ssmHandler({ value: name }, { cacheExpiry: maxAge * 1000 });
    await invoke();
    results.middy = await paced(invoke, maxAge * 1000);
    await middy.stopTimers();
  } finally {
    remove();
  }
  const row = (stat) => ({
    scenario: 8,
    measure: `${EXPIRY_READS.toLocaleString('en-US')} reads of one key over ${EXPIRIES} expiries, ${EXPIRY_LATENCY_MS} ms latency: ${stat} (paramkit with refreshAhead 0.8; baseline: paramkit without)`,
    short: `reads across expiry: ${stat}`,
    unit: 'us',
    paramkit: results.paramkit[stat],
    powertools: results.powertools[stat],
    middy: results.middy[stat],
    baseline: results.lazy[stat],
    chart: stat !== 'p50',
  });
  const waited = {
    ...row('waited'),
    measure: `${EXPIRY_READS.toLocaleString('en-US')} reads over ${EXPIRIES} expiries: reads that took ${EXPIRY_LATENCY_MS} ms or more (waited for AWS)`,
    short: 'reads across expiry: waited for AWS',
    unit: 'calls',
  };
  return [row('p50'), row('p99'), row('max'), waited];
}

/** Replaces `Date.now` with a clock the caller moves, for the duration of `fn`. */
async function onVirtualTime(fn) {
  const real = Date.now;
  let now = real();
  Date.now = () => now;
  try {
    return await fn({ now: () => now, advance: (ms) => (now += ms) });
  } finally {
    Date.now = real;
  }
}

const OUTAGE_KEYS = 10;
const OUTAGE_RPS = 100;
const OUTAGE_S = 60;

/**
 * Scenario 9: ten keys cached (maxAge 5 s), read round-robin 100 times a virtual second; 10 s in, SSM throttles
 * every call for 60 s. Counts GetParameter calls during the outage and reads that failed. Clients make one attempt
 * (maxAttempts 1) so that a throttled call answers at once: the SDK's retry pauses run on real time.
 */
export async function outage({ emulator }) {
  const libs = await libraries();
  const names = Array.from({ length: OUTAGE_KEYS }, (_, i) => `/bench/many/${String(i).padStart(2, '0')}`);
  const clientConfig = { maxAttempts: 1 };
  const run = (provider) =>
    onVirtualTime(async (clock) => {
      let errors = 0;
      let calls = 0;
      const tickMs = 1000 / OUTAGE_RPS;
      const totalTicks = (OUTAGE_S + 20) * OUTAGE_RPS;
      let remove;
      for (let tick = 0; tick < totalTicks; tick++) {
        const second = tick / OUTAGE_RPS;
        if (second === 10) remove = emulator.faults.add({ service: 'ssm', throttleRate: 1 });
        if (second === 10 + OUTAGE_S) {
          remove?.();
          remove = undefined;
        }
        const before = emulator.requests.count('GetParameter');
        await provider.get(names[tick % OUTAGE_KEYS]).catch(() => {
          if (second >= 10) errors++;
        });
        if (remove !== undefined) calls += emulator.requests.count('GetParameter') - before;
        clock.advance(tickMs);
      }
      remove?.();
      return { errors, calls };
    });
  const paramkit = await run(new libs.SSMProvider({ clientConfig, staleAnswerMs: 50 }));
  const powertools = await run(new libs.PtSSMProvider({ clientConfig }));
  const rows = [
    ['API calls during the outage', 'calls', 'calls'],
    ['reads that failed', 'errors', 'calls'],
  ];
  return rows.map(([what, pick, unit]) => ({
    scenario: 9,
    measure: `${OUTAGE_S} s throttling outage, ${OUTAGE_KEYS} cached keys read ${OUTAGE_RPS}×/s (virtual time): ${what}`,
    short: `${OUTAGE_S} s outage: ${what}`,
    unit,
    paramkit: paramkit[pick],
    powertools: powertools[pick],
    middy: undefined,
    chart: false,
  }));
}

/** A Secrets Manager client whose DescribeSecret says rotation is on, next at `rotatesAt()`. */
async function rotatingClient(rotatesAt) {
  const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ maxAttempts: 1 });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'DescribeSecretCommand') {
        Object.assign(result.output, { RotationEnabled: true, NextRotationDate: new Date(rotatesAt()) });
      }
      return result;
    },
    { step: 'initialize' },
  );
  return client;
}

/**
 * Scenario 10: a secret cached for 300 s is rotated 100 virtual seconds after the first read (a PutSecretValue
 * moving AWSCURRENT, standing for RotateSecret until the emulator has it; DescribeSecret reports the rotation date
 * through a client middleware). A reader reads once a virtual second; the figure is how long after the rotation
 * it first sees the new value.
 */
export async function rotation({ emulator }) {
  const libs = await libraries();
  const { PutSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const writer = new SecretsManagerClient({});
  const name = 'bench/rotating';
  const measure = (makeProvider) =>
    onVirtualTime(async (clock) => {
      const rotatesAt = clock.now() + 100_000;
      if (emulator.secretsManager.getSecret(name) === undefined)
        emulator.secretsManager.createSecret({ name, value: 'v0' });
      await writer.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'before' }));
      const provider = await makeProvider(() => rotatesAt);
      let rotated = false;
      for (let second = 0; second < 1000; second++) {
        if (!rotated && clock.now() >= rotatesAt) {
          await writer.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'after' }));
          rotated = true;
        }
        const value = await provider.get(name, { maxAge: 300 });
        if (rotated && value === 'after') return (clock.now() - rotatesAt) / 1000;
        clock.advance(1000);
      }
      return Number.NaN;
    });
  const aware = await measure(
    async (rotatesAt) =>
      new libs.SecretsProvider({ awsSdkV3Client: await rotatingClient(rotatesAt), rotationAware: true }),
  );
  const lazy = await measure(async () => new libs.SecretsProvider());
  const powertools = await measure(async () => new libs.PtSecretsProvider());
  return [
    {
      scenario: 10,
      measure:
        'a rotation of a secret cached for 300 s: seconds until a reader sees the new value (paramkit rotationAware; baseline: paramkit without)',
      short: 'rotation: seconds to the new value',
      unit: 's',
      paramkit: aware,
      powertools,
      middy: undefined,
      baseline: lazy,
      chart: false,
    },
  ];
}
