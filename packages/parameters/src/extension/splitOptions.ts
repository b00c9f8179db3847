import type { ProviderCacheOptions } from '../types/BaseProvider.js';
import type { ExtensionConnectionOptions, ExtensionProviderOptions } from '../types/Extension.js';

/** Separates a provider's connection settings from its cache settings. */
export function splitOptions(options: ExtensionProviderOptions): {
  connection: ExtensionConnectionOptions;
  cache: ProviderCacheOptions;
} {
  const { port, host, token, timeoutMs, maxConcurrency, ...cache } = options;
  return { connection: { port, host, token, timeoutMs, maxConcurrency }, cache };
}
