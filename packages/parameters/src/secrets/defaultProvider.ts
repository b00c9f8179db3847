import { DEFAULT_PROVIDERS } from '../base/DefaultProviders.js';
import { SecretsProvider } from './SecretsProvider.js';

/**
 * The shared `SecretsProvider` of the helper functions, created on first use under `DEFAULT_PROVIDERS.secrets`
 * (the key Powertools uses, so replacing it there changes what the helpers use).
 *
 * @example
 * ```ts
 * const provider = defaultSecretsProvider();
 * provider.clearCache();
 * ```
 */
export function defaultSecretsProvider(): SecretsProvider {
  if (!Object.hasOwn(DEFAULT_PROVIDERS, 'secrets')) DEFAULT_PROVIDERS.secrets = new SecretsProvider();
  return DEFAULT_PROVIDERS.secrets as SecretsProvider;
}
