// Scenario 3: reading 50 values at once, cold, with a fixed emulator latency. SSM: `getParametersByName` with half
// the names decrypted (middy: one middleware with 50 names). Secrets: paramkit's `getSecretsByName`
// (BatchGetSecretValue), 50 concurrent Powertools `getSecret` calls, middy with 50 secrets.
import { manyParameter, manySecret, NAMES, withLatency } from '../lib/emulator.mjs';
import { median, timeMs } from '../lib/stats.mjs';

const RUNS = 5;

function diff(after, before) {
  const calls = {};
  for (const [operation, count] of Object.entries(after)) {
    const delta = count - (before[operation] ?? 0);
    if (delta > 0) calls[operation] = delta;
  }
  return calls;
}

/** API calls by operation (from the first run; every run must agree) and median wall time of RUNS cold runs. */
async function measure(emulator, reset, read, check) {
  let calls;
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const invoke = await reset();
    const before = emulator.requests.snapshot();
    let result;
    times.push(await timeMs(async () => (result = await read(invoke))));
    check(result);
    const these = diff(emulator.requests.snapshot(), before);
    if (calls !== undefined && JSON.stringify(these) !== JSON.stringify(calls)) {
      throw new Error(`batching: call counts differ between runs: ${JSON.stringify([calls, these])}`);
    }
    calls = these;
  }
  return { calls, total: Object.values(calls).reduce((a, b) => a + b, 0), ms: median(times) };
}

function expectValues(values, names, expected) {
  for (const [i, name] of names.entries()) {
    if (values[name] !== expected(NAMES.many[i])) throw new Error(`batching: wrong value for ${name}`);
  }
}

export async function batching({ emulator, paramkit, powertools, middy, latencyMs }) {
  const parameters = NAMES.many.map(manyParameter);
  const secrets = NAMES.many.map(manySecret);
  const byName = Object.fromEntries(parameters.map((name, i) => [name, i % 2 === 0 ? { decrypt: true } : {}]));
  const checkParameters = (values) => expectValues(values, parameters, (id) => `value-${id}`);
  const checkSecrets = (values) => expectValues(values, secrets, (id) => `secret-${id}`);
  // middy sets each value on the context under a key of our choosing; map them back to names for the check.
  const ssmData = Object.fromEntries(parameters.map((name, i) => [`p${i}`, name]));
  const secretData = Object.fromEntries(secrets.map((name, i) => [`s${i}`, name]));
  const fromContext = (context, data) => Object.fromEntries(Object.entries(data).map(([key, n]) => [n, context[key]]));

  const ssm = {};
  const sm = {};
  await withLatency(emulator, latencyMs, async () => {
    for (const lib of [paramkit, powertools]) {
      const reset = () => lib.clearCaches();
      ssm[lib.name] = await measure(emulator, reset, () => lib.getParametersByName(byName), checkParameters);
    }
    ssm.middy = await measure(
      emulator,
      () => middy.ssmHandler(ssmData),
      async (invoke) => fromContext(await invoke(), ssmData),
      checkParameters,
    );
    sm.paramkit = await measure(
      emulator,
      () => paramkit.clearCaches(),
      () => paramkit.getSecretsByName(Object.fromEntries(secrets.map((name) => [name, {}]))),
      checkSecrets,
    );
    sm.powertools = await measure(
      emulator,
      () => powertools.clearCaches(),
      async () => {
        const values = await Promise.all(secrets.map((name) => powertools.getSecret(name)));
        return Object.fromEntries(secrets.map((name, i) => [name, values[i]]));
      },
      checkSecrets,
    );
    sm.middy = await measure(
      emulator,
      () => middy.secretsHandler(secretData),
      async (invoke) => fromContext(await invoke(), secretData),
      checkSecrets,
    );
  });
  const rows = [];
  for (const [label, short, result] of [
    ['`getParametersByName`, 50 names (25 decrypted)', 'getParametersByName ×50', ssm],
    ['50 secrets (paramkit `getSecretsByName`, Powertools 50 concurrent `getSecret`)', '50 secrets', sm],
  ]) {
    const row = (what, unit, pick, extra = {}) => ({
      scenario: 3,
      measure: `${label}: ${what}`,
      short: `${short}: ${what}`,
      unit,
      paramkit: pick(result.paramkit),
      powertools: pick(result.powertools),
      middy: pick(result.middy),
      chart: true,
      ...extra,
    });
    rows.push(
      row('API calls', 'calls', (r) => r.total, {
        detail: Object.fromEntries(Object.entries(result).map(([lib, r]) => [lib, r.calls])),
      }),
      row('wall time', 'ms', (r) => r.ms),
    );
  }
  return rows;
}
