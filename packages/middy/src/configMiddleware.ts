import type { MiddlewareObj, Request } from '@middy/core';
import type { Config, ConfigEntries, ConfigValues } from '@paramkit/parameters/config';
import type { Context as LambdaContext } from 'aws-lambda';

/** Options of `configMiddleware`. */
export interface ConfigMiddlewareOptions {
  /** Also put the values on `request.context` (they are always on `request.internal`). @default false */
  setToContext?: boolean;
  /** Do not start loading when the middleware is created (Lambda INIT); load on the first request. @default false */
  disablePrefetch?: boolean;
}

/** The context a handler gets: Lambda's, with the values when `setToContext` is true. */
export type ConfigContext<Entries extends ConfigEntries, Options> = Options extends { setToContext: true }
  ? LambdaContext & ConfigValues<Entries>
  : LambdaContext;

/**
 * Loads a `defineConfig` declaration before the handler: prefetched when the middleware is created (Lambda INIT),
 * then read from the providers' caches on every request. The typed values go on `request.internal` and, with
 * `setToContext`, on `request.context`. A failure rejects the request with the declaration's `ConfigError`.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { configMiddleware } from '@paramkit/middy';
 * import { defineConfig, secret, ssm } from '@paramkit/parameters/config';
 *
 * const config = defineConfig({ apiUrl: ssm('/app/api-url'), db: secret('prod/db', { transform: 'json' }) }, { maxAge: 300 });
 *
 * export const handler = middy()
 *   .use(configMiddleware(config, { setToContext: true }))
 *   .handler(async (_event, context) => ({ url: context.apiUrl })); // context.apiUrl: string
 * ```
 */
export function configMiddleware<
  Entries extends ConfigEntries,
  const Options extends ConfigMiddlewareOptions = Record<never, never>,
>(
  config: Config<Entries, boolean>,
  options?: Options,
): MiddlewareObj<unknown, unknown, Error, ConfigContext<Entries, Options>, ConfigValues<Entries>> {
  if (typeof (config as { get?: unknown } | null)?.get !== 'function') {
    throw new TypeError('configMiddleware expects a declaration made with defineConfig');
  }
  if (!options?.disablePrefetch) config.prefetch();
  const setToContext = options?.setToContext === true;
  const before = async (request: Request): Promise<void> => {
    const values = await config.get({ throwOnError: true });
    Object.assign(request.internal as object, values);
    if (setToContext) Object.assign(request.context, values);
  };
  return { before } as MiddlewareObj<unknown, unknown, Error, ConfigContext<Entries, Options>, ConfigValues<Entries>>;
}
