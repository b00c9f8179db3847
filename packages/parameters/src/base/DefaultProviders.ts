import type { BaseProviderInterface } from '../types/BaseProvider.js';

/**
 * The providers behind the helper functions (`getParameter`, `getSecret`, ...), created on first use and shared
 * by every call in the process. Replace one to change what the helpers use.
 *
 * @example
 * ```ts
 * import { DEFAULT_PROVIDERS } from '@paramkit/parameters/base';
 * DEFAULT_PROVIDERS.ssm = new SSMProvider({ clientConfig: { endpoint: 'http://127.0.0.1:4566' } });
 * ```
 */
export const DEFAULT_PROVIDERS: Record<string, BaseProviderInterface> = {};

/**
 * Clears the cache of every default provider.
 *
 * @example
 * ```ts
 * import { clearCaches } from '@paramkit/parameters';
 * beforeEach(() => clearCaches());
 * ```
 */
export const clearCaches = (): void => {
  for (const provider of Object.values(DEFAULT_PROVIDERS)) provider.clearCache?.();
};

/**
 * The shared provider under `key` in `DEFAULT_PROVIDERS`, made with `providerClass` on first use (or the one a user
 * put there). The helpers and `defineConfig` get theirs here, so that they share one cache.
 *
 * @example
 * ```ts
 * const ssm = sharedProvider('ssm', SSMProvider);
 * ```
 */
export function sharedProvider<Provider extends BaseProviderInterface>(
  key: string,
  providerClass: new () => Provider,
): Provider {
  if (!Object.hasOwn(DEFAULT_PROVIDERS, key)) DEFAULT_PROVIDERS[key] = new providerClass();
  return DEFAULT_PROVIDERS[key] as Provider;
}
