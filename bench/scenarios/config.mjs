// Scenario 7: a handler needing 30 values — 20 SSM parameters (half SecureString), 8 secrets, 2 AppConfig profiles —
// cold (first invocation, nothing cached) and warm (the next one), with a fixed emulator latency: API calls and wall
// time for paramkit's `defineConfig`, middy's middlewares in one handler, and Powertools' helpers called together.
// Every library gets SDK clients that already exist, so client set-up is not timed; each cold run starts with
// empty caches. @middy/appconfig is not installable from the registry this repository uses: middy's row covers its
// SSM and Secrets Manager middlewares, and the note says what AppConfig would add.
import { withLatency } from '../lib/emulator.mjs';
import { PARAMKIT_DIST } from '../lib/paths.mjs';
import { median, timeMs } from '../lib/stats.mjs';

const RUNS = 5;
const PARAMETERS = Array.from({ length: 20 }, (_, i) => `/bench/cfg/p${String(i).padStart(2, '0')}`);
const SECRETS = Array.from({ length: 8 }, (_, i) => `bench/cfg/s${i}`);
const PROFILES = ['flags', 'limits'];
const APP = { application: 'bench', environment: 'prod' };
const CONTEXT = { getRemainingTimeInMillis: () => 60_000 };

function seed(emulator) {
  emulator.load({
    ssm: {
      parameters: PARAMETERS.map((name, i) => ({
        name,
        value: `value-${i}`,
        type: i % 2 === 0 ? 'SecureString' : 'String',
      })),
    },
    secretsmanager: { secrets: SECRETS.map((name, i) => ({ name, value: `secret-${i}` })) },
    appconfig: {
      applications: [
        {
          name: APP.application,
          environments: [
            { name: APP.environment, profiles: PROFILES.map((profile, i) => ({ name: profile, content: { i } })) },
          ],
        },
      ],
    },
  });
}

/** The 30 values in one shape, whatever library read them, checked against the seed. */
function check(values) {
  PARAMETERS.forEach((_, i) => {
    if (values[`p${i}`] !== `value-${i}`) throw new Error(`config bench: wrong p${i}`);
  });
  SECRETS.forEach((_, i) => {
    if (values[`s${i}`] !== `secret-${i}`) throw new Error(`config bench: wrong s${i}`);
  });
  PROFILES.forEach((profile, i) => {
    if (values[profile] !== undefined && values[profile].i !== i) throw new Error(`config bench: wrong ${profile}`);
  });
}

const snapshotDiff = (after, before) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([operation, count]) => [operation, count - (before[operation] ?? 0)])
      .filter(([, delta]) => delta > 0),
  );

/** Calls and median time of RUNS cold invocations and of the warm invocation after each. */
async function measure(emulator, prepare) {
  const cold = { times: [], calls: undefined };
  const warm = { times: [], calls: undefined };
  for (let run = 0; run < RUNS; run++) {
    const invoke = await prepare();
    for (const phase of [cold, warm]) {
      const before = emulator.requests.snapshot();
      let values;
      phase.times.push(await timeMs(async () => (values = await invoke())));
      check(values);
      phase.calls = snapshotDiff(emulator.requests.snapshot(), before);
    }
  }
  const total = (calls) => Object.values(calls).reduce((a, b) => a + b, 0);
  return {
    cold: { calls: cold.calls, total: total(cold.calls), ms: median(cold.times) },
    warm: { calls: warm.calls, total: total(warm.calls), ms: median(warm.times) },
  };
}

async function paramkitRunner() {
  const [{ defineConfig, ssm, secret, appConfig }, { SSMProvider }, { SecretsProvider }, { AppConfigProvider }] =
    await Promise.all([
      import(`${PARAMKIT_DIST}config/index.js`),
      import(`${PARAMKIT_DIST}ssm/index.js`),
      import(`${PARAMKIT_DIST}secrets/index.js`),
      import(`${PARAMKIT_DIST}appconfig/index.js`),
    ]);
  const clients = await sharedClients();
  const entries = {
    ...Object.fromEntries(PARAMETERS.map((name, i) => [`p${i}`, ssm(name)])),
    ...Object.fromEntries(SECRETS.map((name, i) => [`s${i}`, secret(name)])),
    ...Object.fromEntries(PROFILES.map((profile) => [profile, appConfig({ ...APP, profile }, { transform: 'json' })])),
  };
  return () => {
    const config = defineConfig(entries, {
      maxAge: 300,
      providers: {
        ssm: new SSMProvider({ awsSdkV3Client: clients.ssm }),
        secrets: new SecretsProvider({ awsSdkV3Client: clients.secrets }),
        appConfig: new AppConfigProvider({ ...APP, awsSdkV3Client: clients.appConfig }),
      },
    });
    return () => config.get();
  };
}

let middyHandlers = 0;
async function middyRunner() {
  const [{ default: middy }, { default: ssm }, { default: secretsManager }] = await Promise.all([
    import('@middy/core'),
    import('@middy/ssm'),
    import('@middy/secrets-manager'),
  ]);
  const clients = await sharedClients();
  const asClass = (client) =>
    class {
      constructor() {
        // biome-ignore lint/correctness/noConstructorReturn: middy creates its client with `new AwsClient(...)`
        return client;
      }
    };
  const common = { cacheExpiry: -1, disablePrefetch: true, setToContext: true };
  return () => {
    middyHandlers += 1;
    const handler = middy(async (_event, context) => context)
      .use(
        ssm({
          ...common,
          AwsClient: asClass(clients.ssm),
          cacheKey: `bench-cfg-ssm-${middyHandlers}`,
          fetchData: Object.fromEntries(PARAMETERS.map((name, i) => [`p${i}`, name])),
        }),
      )
      .use(
        secretsManager({
          ...common,
          AwsClient: asClass(clients.secrets),
          cacheKey: `bench-cfg-sm-${middyHandlers}`,
          fetchData: Object.fromEntries(SECRETS.map((name, i) => [`s${i}`, name])),
        }),
      );
    return () => handler({}, { ...CONTEXT });
  };
}

async function powertoolsRunner() {
  const [{ getParametersByName }, { getSecret }, { getAppConfig, AppConfigProvider }, { clearCaches }, base] =
    await Promise.all([
      import('@aws-lambda-powertools/parameters/ssm'),
      import('@aws-lambda-powertools/parameters/secrets'),
      import('@aws-lambda-powertools/parameters/appconfig'),
      import('@aws-lambda-powertools/parameters'),
      import('@aws-lambda-powertools/parameters/base'),
    ]);
  const clients = await sharedClients();
  const byName = Object.fromEntries(PARAMETERS.map((name, i) => [name, i % 2 === 0 ? { decrypt: true } : {}]));
  return () => {
    clearCaches();
    // Powertools' clearCaches keeps AppConfig sessions (and would poll too early): a new provider starts cold.
    base.DEFAULT_PROVIDERS.appconfig = new AppConfigProvider({ ...APP, awsSdkV3Client: clients.appConfig });
    return async () => {
      const [parameters, secrets, profiles] = await Promise.all([
        getParametersByName(byName, { maxAge: 300 }),
        Promise.all(SECRETS.map((name) => getSecret(name, { maxAge: 300 }))),
        Promise.all(PROFILES.map((profile) => getAppConfig(profile, { ...APP, transform: 'json', maxAge: 300 }))),
      ]);
      return {
        ...Object.fromEntries(PARAMETERS.map((name, i) => [`p${i}`, parameters[name]])),
        ...Object.fromEntries(secrets.map((value, i) => [`s${i}`, value])),
        ...Object.fromEntries(PROFILES.map((profile, i) => [profile, profiles[i]])),
      };
    };
  };
}

async function sharedClients() {
  const [{ SSMClient }, { SecretsManagerClient }, { AppConfigDataClient }] = await Promise.all([
    import('@aws-sdk/client-ssm'),
    import('@aws-sdk/client-secrets-manager'),
    import('@aws-sdk/client-appconfigdata'),
  ]);
  return { ssm: new SSMClient({}), secrets: new SecretsManagerClient({}), appConfig: new AppConfigDataClient({}) };
}

export async function config({ emulator, latencyMs }) {
  seed(emulator);
  const runners = {
    paramkit: await paramkitRunner(),
    powertools: await powertoolsRunner(),
    middy: await middyRunner(),
  };
  const results = {};
  await withLatency(emulator, latencyMs, async () => {
    for (const [lib, prepare] of Object.entries(runners)) results[lib] = await measure(emulator, prepare);
  });
  const rows = [];
  for (const phase of ['cold', 'warm']) {
    const row = (what, unit, pick, extra = {}) => ({
      scenario: 7,
      measure: `30 values (20 SSM, half SecureString; 8 secrets; 2 AppConfig profiles), ${phase}: ${what}`,
      short: `30 values ${phase}: ${what}`,
      unit,
      paramkit: pick(results.paramkit[phase]),
      powertools: pick(results.powertools[phase]),
      middy: pick(results.middy[phase]),
      chart: phase === 'cold',
      ...extra,
    });
    rows.push(
      row('API calls', 'calls', (r) => r.total, {
        detail: Object.fromEntries(Object.entries(results).map(([lib, r]) => [lib, r[phase].calls])),
      }),
      row('wall time', 'ms', (r) => r.ms),
    );
  }
  const note =
    'Scenario 7: paramkit is one `defineConfig` declaration (`config.get()`), Powertools its helpers called together ' +
    '(`getParametersByName`, 8 `getSecret`, 2 `getAppConfig`), middy `@middy/ssm` and `@middy/secrets-manager` in one ' +
    "handler. `@middy/appconfig` is not installable here, so middy's figures leave out the 2 profiles (they would add " +
    '2 `StartConfigurationSession` and 2 `GetLatestConfiguration` calls cold, and one more sequential round trip).';
  return { rows, note };
}
