import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';
import type { MiddlewareObj } from '@middy/core';
import { type ConfigEntry, defineConfig, ssm as ssmEntry } from '@paramkit/parameters/config';
import { SSMProvider } from '@paramkit/parameters/ssm';
import { fetchDataMiddleware, type KeyOutcome, type ValueSource } from './dropin/fetchDataMiddleware.js';
import { envNameOf, failureOf, outcomesOf } from './dropin/fromConfig.js';
import type { DropInOptions } from './dropin/options.js';
import type { DropInContext, DropInInternal, ReturnTypeHint } from './dropin/types.js';
import { cacheExpiryOf, DROP_IN_CACHE_OPTIONS, jsonSafeParse, maxAgeOfExpiry, sanitizeKey } from './dropin/values.js';

/** A parameter name (or path ending in `/`) with the type its value is expected to have. */
export type ParamType<T> = string & ReturnTypeHint<T>;

/**
 * Types a `fetchData` member: the name as it is, typed for `request.internal` and `request.context`.
 *
 * @example
 * ```ts
 * import ssm, { ssmParam } from '@paramkit/middy/ssm';
 * ssm({ fetchData: { limits: ssmParam<{ rps: number }>('/app/limits') }, setToContext: true });
 * ```
 */
export function ssmParam<T>(name: string): ParamType<T> {
  return name as ParamType<T>;
}

/** Options of the SSM middleware: those of `@middy/ssm`. */
export type SSMOptions<Client = SSMClient> = DropInOptions<Client, SSMClientConfig, string>;

/**
 * A drop-in for `@middy/ssm`: the same options and behaviour (names in `GetParameters` calls of ten, a name ending in
 * `/` read as a path, recursively, decrypted; values JSON-parsed when they parse; `StringList` split), through a
 * paramkit `SSMProvider`: coalesced, bounded, and served stale when a refresh fails.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import ssm from '@paramkit/middy/ssm';
 *
 * export const handler = middy()
 *   .use(ssm({ fetchData: { apiUrl: '/app/api-url', db: '/app/db/' }, setToContext: true, cacheExpiry: 60_000 }))
 *   .handler(async (_event, context) => ({ url: context.apiUrl }));
 * ```
 */
export default function ssm<Options extends SSMOptions>(
  options?: Options,
): MiddlewareObj<unknown, unknown, Error, DropInContext<Options>, DropInInternal<Options>> {
  const fetchData = options?.fetchData ?? {};
  const cacheKey = options?.cacheKey ?? 'ssm';
  const maxAge = maxAgeOfExpiry(cacheExpiryOf(options, cacheKey));
  return fetchDataMiddleware<SSMClient>({
    keys: Object.keys(fetchData),
    cacheKey,
    setToContext: options?.setToContext ?? false,
    client: {
      AwsClient: options?.AwsClient ?? SSMClient,
      awsClientOptions: options?.awsClientOptions ?? {},
      awsClientAssumeRole: options?.awsClientAssumeRole,
      awsClientCapture: options?.awsClientCapture as ((client: SSMClient) => SSMClient) | undefined,
      disablePrefetch: options?.disablePrefetch ?? false,
    },
    createSource: (client) => ssmSource(client as SSMClient, fetchData, maxAge),
  }) as MiddlewareObj<unknown, unknown, Error, DropInContext<Options>, DropInInternal<Options>>;
}

function ssmSource(client: SSMClient, fetchData: Record<string, string>, maxAge: number): ValueSource {
  const stringLists = recordStringLists(client);
  const provider = new SSMProvider({ awsSdkV3Client: client, ...DROP_IN_CACHE_OPTIONS });
  const parse = (full: string, value: string | Uint8Array): unknown => {
    const text = typeof value === 'string' ? value : new TextDecoder().decode(value);
    return stringLists.has(full) ? text.split(',') : jsonSafeParse(text);
  };
  const byName = (value: string | Uint8Array, name: string) => parse(name, value);
  const keys = Object.keys(fetchData);
  const named = keys.filter((key) => !fetchData[key]?.endsWith('/'));
  const paths = keys.filter((key) => fetchData[key]?.endsWith('/'));
  const entries: Record<string, ConfigEntry> = {};
  named.forEach((key, index) => {
    entries[key] = ssmEntry(fetchData[key] ?? '', { transform: byName, decrypt: true, maxAge, env: envNameOf(index) });
  });
  const config = named.length > 0 ? defineConfig(entries, { providers: { ssm: provider } }) : undefined;
  const pathTransforms = new Map(
    paths.map((key) => {
      const path = fetchData[key] ?? '';
      return [key, (value: string | Uint8Array, relative: string) => parse(path + relative, value)];
    }),
  );

  const readPath = async (key: string, into: Map<string, KeyOutcome>): Promise<void> => {
    const path = fetchData[key] ?? '';
    try {
      const values = await provider.getMultiple(path, {
        recursive: true,
        decrypt: true,
        maxAge,
        transform: pathTransforms.get(key),
      });
      const record: Record<string, unknown> = {};
      for (const [relative, value] of Object.entries(values ?? {})) record[sanitizeKey(relative)] = value;
      into.set(key, { ok: true, value: record });
    } catch (error) {
      into.set(key, failureOf(key, 'ssm', path, error));
    }
  };

  return {
    async load() {
      const outcomes = new Map<string, KeyOutcome>();
      await Promise.all([
        config?.get({ throwOnError: false }).then((result) => outcomesOf(result, outcomes)),
        ...paths.map((key) => readPath(key, outcomes)),
      ]);
      return outcomes;
    },
    clear: () => provider.clearCache(),
  };
}

/** Notes which parameters are `StringList`s, from the client's answers (the provider hands transforms only text). */
function recordStringLists(client: SSMClient): Set<string> {
  const names = new Set<string>();
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const parameters = (result.output as { Parameters?: { Name?: string; Selector?: string; Type?: string }[] })
        .Parameters;
      for (const parameter of parameters ?? []) {
        if (parameter.Name === undefined) continue;
        for (const name of [parameter.Name, parameter.Name + (parameter.Selector ?? '')]) {
          if (parameter.Type === 'StringList') names.add(name);
          else names.delete(name);
        }
      }
      return result;
    },
    { step: 'initialize', name: 'paramkitStringLists' },
  );
  return names;
}
