import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PARAMKIT_DIST, ROOT } from './paths.mjs';

/**
 * The helper functions of paramkit (built dist) and of Powertools, behind one shape, plus `clearCaches` so that
 * every measurement can start cold. Loaded lazily: `AWS_ENDPOINT_URL` must be set before the first client exists.
 */
export async function loadParamkit() {
  const [ssm, secrets, root] = await Promise.all([
    import(`${PARAMKIT_DIST}ssm/index.js`),
    import(`${PARAMKIT_DIST}secrets/index.js`),
    import(`${PARAMKIT_DIST}index.js`),
  ]);
  return {
    name: 'paramkit',
    getParameter: ssm.getParameter,
    getParametersByName: ssm.getParametersByName,
    getSecret: secrets.getSecret,
    getSecretsByName: secrets.getSecretsByName,
    clearCaches: root.clearCaches,
  };
}

export async function loadPowertools() {
  const [ssm, secrets, root] = await Promise.all([
    import('@aws-lambda-powertools/parameters/ssm'),
    import('@aws-lambda-powertools/parameters/secrets'),
    import('@aws-lambda-powertools/parameters'),
  ]);
  return {
    name: 'powertools',
    getParameter: ssm.getParameter,
    getParametersByName: ssm.getParametersByName,
    getSecret: secrets.getSecret,
    clearCaches: root.clearCaches,
  };
}

/** A Lambda context for middy: enough for its early-timeout check. */
const CONTEXT = { getRemainingTimeInMillis: () => 60_000 };
let handlerCount = 0;

/** A class whose `new` returns one shared client, so every middy handler reuses a client that is already set up. */
function sharedClient(Client) {
  const client = new Client({});
  return class {
    constructor() {
      // biome-ignore lint/correctness/noConstructorReturn: middy creates its client with `new AwsClient(...)`
      return client;
    }
  };
}

/**
 * middy's SSM and Secrets Manager middlewares. Each `ssmHandler`/`secretsHandler` call builds a new handler with
 * its own cache key (so it starts cold), prefetch off (so the first invocation fetches), one shared SDK client
 * (so that, as for the other libraries, client set-up is not timed) and values set on the context; the returned
 * function invokes the handler once and resolves to its context, which holds the fetched values.
 */
export async function loadMiddy() {
  const [{ default: middy }, { default: ssm }, { default: secretsManager }, { SSMClient }, { SecretsManagerClient }] =
    await Promise.all([
      import('@middy/core'),
      import('@middy/ssm'),
      import('@middy/secrets-manager'),
      import('@aws-sdk/client-ssm'),
      import('@aws-sdk/client-secrets-manager'),
    ]);
  const clients = { ssm: sharedClient(SSMClient), secrets: sharedClient(SecretsManagerClient) };
  const build = (middleware, AwsClient, fetchData, overrides = {}) => {
    handlerCount += 1;
    const options = {
      AwsClient,
      fetchData,
      cacheKey: `bench-${handlerCount}`,
      cacheExpiry: -1, // cache forever: a positive expiry arms a refresh timer that keeps the process alive
      disablePrefetch: true,
      setToContext: true,
      ...overrides,
    };
    const handler = middy(async (_event, context) => context).use(middleware(options));
    return () => handler({}, { ...CONTEXT });
  };
  return {
    name: 'middy',
    ssmHandler: (fetchData, overrides) => build(ssm, clients.ssm, fetchData, overrides),
    secretsHandler: (fetchData, overrides) => build(secretsManager, clients.secrets, fetchData, overrides),
    /** Cancels the refresh timers a positive `cacheExpiry` arms (they would keep the process alive). */
    stopTimers: async () => {
      const utilDir = `${realpathSync(`${ROOT}node_modules/@middy/ssm`)}/../util/index.js`;
      const { clearCache } = await import(pathToFileURL(utilDir).href);
      clearCache();
    },
  };
}
