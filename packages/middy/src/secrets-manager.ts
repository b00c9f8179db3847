import {
  DescribeSecretCommand,
  type DescribeSecretCommandOutput,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import type { MiddlewareObj } from '@middy/core';
import { type ConfigEntry, defineConfig, secret as secretEntry } from '@paramkit/parameters/config';
import { withoutAnswerText } from '@paramkit/parameters/errors';
import { SecretsProvider } from '@paramkit/parameters/secrets';
import { fetchDataMiddleware, type KeyOutcome, type ValueSource } from './dropin/fetchDataMiddleware.js';
import { envNameOf, failureOf, outcomesOf } from './dropin/fromConfig.js';
import type { DropInOptions } from './dropin/options.js';
import type { DropInContext, DropInInternal, ReturnTypeHint } from './dropin/types.js';
import {
  cacheExpiryOf,
  DROP_IN_CACHE_OPTIONS,
  FOREVER_SECONDS,
  jsonSafeParse,
  maxAgeOfExpiry,
} from './dropin/values.js';

/** A secret name or ARN with the type its value is expected to have. */
export type SecretType<T> = string & ReturnTypeHint<T>;

/**
 * Types a `fetchData` member: the secret id as it is, typed for `request.internal` and `request.context`.
 *
 * @example
 * ```ts
 * import secretsManager, { secret } from '@paramkit/middy/secrets-manager';
 * secretsManager({ fetchData: { db: secret<{ password: string }>('prod/db') }, setToContext: true });
 * ```
 */
export function secret<T>(id: string): SecretType<T> {
  return id as SecretType<T>;
}

/** Options of the Secrets Manager middleware: those of `@middy/secrets-manager`. */
export interface SecretsManagerOptions<Client = SecretsManagerClient>
  extends DropInOptions<Client, SecretsManagerClientConfig, string> {
  /**
   * Cache secrets (all, or those whose key maps to `true`) until their rotation: `NextRotationDate` with a
   * `cacheExpiry` of -1, else `cacheExpiry` after the later of `LastRotatedDate` and `LastChangedDate`, but never
   * past `NextRotationDate` (read with `DescribeSecret`). @default false
   */
  fetchRotationDate?: boolean | { [key: string]: boolean };
}

/**
 * A drop-in for `@middy/secrets-manager`: the same options and behaviour (values JSON-parsed when they parse,
 * `fetchRotationDate`), through a paramkit `SecretsProvider`: two or more secrets in one `BatchGetSecretValue` call
 * (falling back to `GetSecretValue` when it is throttled or not permitted), coalesced, bounded, served stale when
 * a refresh fails.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import secretsManager from '@paramkit/middy/secrets-manager';
 *
 * export const handler = middy()
 *   .use(secretsManager({ fetchData: { db: 'prod/db', apiKey: 'prod/api-key' }, setToContext: true }))
 *   .handler(async (_event, context) => ({ user: (context.db as { username: string }).username }));
 * ```
 */
export default function secretsManager<Options extends SecretsManagerOptions>(
  options?: Options,
): MiddlewareObj<unknown, unknown, Error, DropInContext<Options>, DropInInternal<Options>> {
  const fetchData = options?.fetchData ?? {};
  const cacheKey = options?.cacheKey ?? 'secrets-manager';
  const cacheExpiry = cacheExpiryOf(options, cacheKey);
  const maxAge = maxAgeOfExpiry(cacheExpiry);
  const rotation = options?.fetchRotationDate ?? false;
  const rotates = (key: string) => rotation === true || (typeof rotation === 'object' && rotation[key] === true);
  return fetchDataMiddleware<SecretsManagerClient>({
    keys: Object.keys(fetchData),
    cacheKey,
    setToContext: options?.setToContext ?? false,
    client: {
      AwsClient: options?.AwsClient ?? SecretsManagerClient,
      awsClientOptions: options?.awsClientOptions ?? {},
      awsClientAssumeRole: options?.awsClientAssumeRole,
      awsClientCapture: options?.awsClientCapture as
        | ((client: SecretsManagerClient) => SecretsManagerClient)
        | undefined,
      disablePrefetch: options?.disablePrefetch ?? false,
    },
    createSource: (client) =>
      secretsSource(client as SecretsManagerClient, fetchData, { maxAge, cacheExpiry, rotates }),
  }) as MiddlewareObj<unknown, unknown, Error, DropInContext<Options>, DropInInternal<Options>>;
}

interface SecretsSettings {
  maxAge: number;
  cacheExpiry: number;
  rotates(key: string): boolean;
}

/** Text JSON-parsed when it parses; bytes (`SecretBinary`) as bytes. */
const parseSecret = (value: string | Uint8Array): unknown => (typeof value === 'string' ? jsonSafeParse(value) : value);

function secretsSource(
  client: SecretsManagerClient,
  fetchData: Record<string, string>,
  settings: SecretsSettings,
): ValueSource {
  const provider = new SecretsProvider({ awsSdkV3Client: client, ...DROP_IN_CACHE_OPTIONS });
  const keys = Object.keys(fetchData);
  const plain = keys.filter((key) => !settings.rotates(key));
  const rotating = keys.filter((key) => settings.rotates(key));
  const entries: Record<string, ConfigEntry> = {};
  plain.forEach((key, index) => {
    entries[key] = secretEntry(fetchData[key] ?? '', {
      transform: parseSecret,
      maxAge: settings.maxAge,
      env: envNameOf(index),
    });
  });
  const config = plain.length > 0 ? defineConfig(entries, { providers: { secrets: provider } }) : undefined;
  /** When each rotating secret's value stops being valid (ms). */
  const validUntil = new Map<string, number>();

  const readRotating = async (key: string, into: Map<string, KeyOutcome>): Promise<void> => {
    const id = fetchData[key] ?? '';
    try {
      const now = Date.now();
      const until = validUntil.get(key);
      const refresh = until === undefined || now >= until;
      if (refresh) {
        const description = await client
          .send(new DescribeSecretCommand({ SecretId: id }))
          .catch((error: unknown) => Promise.reject(withoutAnswerText(error)));
        validUntil.set(key, expiryOf(description, settings.cacheExpiry, now));
      }
      const value = await provider.get(id, {
        transform: parseSecret,
        maxAge: FOREVER_SECONDS,
        forceFetch: refresh,
        throwOnMissing: true,
      });
      into.set(key, { ok: true, value });
    } catch (error) {
      validUntil.delete(key);
      into.set(key, failureOf(key, 'secrets', id, error));
    }
  };

  return {
    async load() {
      const outcomes = new Map<string, KeyOutcome>();
      await Promise.all([
        config?.get({ throwOnError: false }).then((result) => outcomesOf(result, outcomes)),
        ...rotating.map((key) => readRotating(key, outcomes)),
      ]);
      return outcomes;
    },
    clear: () => {
      provider.clearCache();
      validUntil.clear();
    },
  };
}

/** When a secret read now must be read again, from its rotation dates (ms since the epoch). */
export function expiryOf(description: DescribeSecretCommandOutput, cacheExpiry: number, now: number): number {
  const next = description.NextRotationDate?.getTime() ?? Number.POSITIVE_INFINITY;
  if (cacheExpiry < 0) return next;
  const changed = Math.max(
    description.LastRotatedDate?.getTime() ?? Number.NEGATIVE_INFINITY,
    description.LastChangedDate?.getTime() ?? Number.NEGATIVE_INFINITY,
  );
  const from = Number.isFinite(changed) ? changed : now;
  return Math.min(from + cacheExpiry, next);
}
