import {
  AppConfigDataClient,
  type AppConfigDataClientConfig,
  type StartConfigurationSessionRequest,
} from '@aws-sdk/client-appconfigdata';
import type { MiddlewareObj } from '@middy/core';
import { AppConfigProvider } from '@paramkit/parameters/appconfig';
import { appConfig as appConfigEntry, type ConfigEntry, defineConfig } from '@paramkit/parameters/config';
import { fetchDataMiddleware, type KeyOutcome, type ValueSource } from './dropin/fetchDataMiddleware.js';
import { envNameOf, outcomesOf } from './dropin/fromConfig.js';
import type { DropInOptions } from './dropin/options.js';
import type { DropInContext, DropInInternal, ReturnTypeHint } from './dropin/types.js';
import { cacheExpiryOf, DROP_IN_CACHE_OPTIONS, jsonSafeParse, maxAgeOfExpiry } from './dropin/values.js';

/** A `StartConfigurationSession` request with the type its configuration is expected to have. */
export type ParamType<T> = StartConfigurationSessionRequest & ReturnTypeHint<T>;

/**
 * Types a `fetchData` member: the request as it is, typed for `request.internal` and `request.context`.
 *
 * @example
 * ```ts
 * import appConfig, { appConfigReq } from '@paramkit/middy/appconfig';
 * appConfig({
 *   fetchData: {
 *     flags: appConfigReq<{ beta: boolean }>({
 *       ApplicationIdentifier: 'shop',
 *       EnvironmentIdentifier: 'prod',
 *       ConfigurationProfileIdentifier: 'flags',
 *     }),
 *   },
 * });
 * ```
 */
export function appConfigReq<T>(request: StartConfigurationSessionRequest): ParamType<T> {
  return request as ParamType<T>;
}

/** Options of the AppConfig middleware: those of `@middy/appconfig`. */
export type AppConfigOptions<Client = AppConfigDataClient> = DropInOptions<
  Client,
  AppConfigDataClientConfig,
  StartConfigurationSessionRequest
>;

/**
 * A drop-in for `@middy/appconfig`: the same options and behaviour (one configuration session per profile, an empty
 * answer keeping the last configuration, JSON parsed), through a paramkit `AppConfigProvider`, which also honours
 * the poll interval AppConfig asks for, renews expired sessions, and serves the last configuration when a poll fails.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import appConfig from '@paramkit/middy/appconfig';
 *
 * export const handler = middy()
 *   .use(
 *     appConfig({
 *       fetchData: {
 *         flags: { ApplicationIdentifier: 'shop', EnvironmentIdentifier: 'prod', ConfigurationProfileIdentifier: 'flags' },
 *       },
 *       setToContext: true,
 *     }),
 *   )
 *   .handler(async (_event, context) => ({ flags: context.flags }));
 * ```
 */
export default function appConfig<Options extends AppConfigOptions>(
  options?: Options,
): MiddlewareObj<unknown, unknown, Error, DropInContext<Options>, DropInInternal<Options>> {
  const fetchData = options?.fetchData ?? {};
  const cacheKey = options?.cacheKey ?? 'appconfig';
  const maxAge = maxAgeOfExpiry(cacheExpiryOf(options, cacheKey));
  return fetchDataMiddleware<AppConfigDataClient>({
    keys: Object.keys(fetchData),
    cacheKey,
    setToContext: options?.setToContext ?? false,
    client: {
      AwsClient: options?.AwsClient ?? AppConfigDataClient,
      awsClientOptions: options?.awsClientOptions ?? {},
      awsClientAssumeRole: options?.awsClientAssumeRole,
      awsClientCapture: options?.awsClientCapture as ((client: AppConfigDataClient) => AppConfigDataClient) | undefined,
      disablePrefetch: options?.disablePrefetch ?? false,
    },
    createSource: (client) => appConfigSource(client as AppConfigDataClient, fetchData, maxAge),
  }) as MiddlewareObj<unknown, unknown, Error, DropInContext<Options>, DropInInternal<Options>>;
}

const utf8 = new TextDecoder();
const parseConfiguration = (value: string | Uint8Array): unknown =>
  jsonSafeParse(typeof value === 'string' ? value : utf8.decode(value));

function appConfigSource(
  client: AppConfigDataClient,
  fetchData: Record<string, StartConfigurationSessionRequest>,
  maxAge: number,
): ValueSource {
  const keys = Object.keys(fetchData);
  const first = fetchData[keys[0] ?? ''];
  const provider = new AppConfigProvider({
    application: first?.ApplicationIdentifier ?? 'unused',
    environment: first?.EnvironmentIdentifier ?? 'unused',
    awsSdkV3Client: client,
    ...DROP_IN_CACHE_OPTIONS,
  });
  const entries: Record<string, ConfigEntry> = {};
  keys.forEach((key, index) => {
    const request = fetchData[key] as StartConfigurationSessionRequest;
    const interval = request.RequiredMinimumPollIntervalInSeconds;
    entries[key] = appConfigEntry(
      {
        application: request.ApplicationIdentifier ?? '',
        environment: request.EnvironmentIdentifier ?? '',
        profile: request.ConfigurationProfileIdentifier ?? '',
      },
      {
        transform: parseConfiguration,
        maxAge,
        env: envNameOf(index),
        ...(interval === undefined ? {} : { sdkOptions: { RequiredMinimumPollIntervalInSeconds: interval } }),
      },
    );
  });
  const config = keys.length > 0 ? defineConfig(entries, { providers: { appConfig: provider } }) : undefined;
  return {
    async load() {
      const outcomes = new Map<string, KeyOutcome>();
      const result = await config?.get({ throwOnError: false });
      if (result !== undefined) outcomesOf(result, outcomes);
      for (const [key, outcome] of outcomes) {
        // An empty first configuration is `undefined`, as in middy; a profile that does not exist still fails.
        if (!outcome.ok && outcome.failure.reason === 'not-found' && !(outcome.failure.cause as Error).cause) {
          outcomes.set(key, { ok: true, value: undefined });
        }
      }
      return outcomes;
    },
    clear: () => provider.clearCache(),
  };
}
