import { sharedProvider } from '../base/DefaultProviders.js';
import { SecretsProvider } from './SecretsProviderCore.js';

/**
 * The shared `SecretsProvider` of the helper functions, created on first use under `DEFAULT_PROVIDERS.secrets`
 * (the key Powertools uses, so replacing it there changes what the helpers use). Helpers beyond `getSecret` pass
 * the complete class (from `SecretsProvider.ts`, the same class once its methods are added), so that a bundle
 * holding them holds those methods.
 *
 * @example
 * ```ts
 * const provider = defaultSecretsProvider();
 * provider.clearCache();
 * ```
 */
export function defaultSecretsProvider(providerClass: typeof SecretsProvider = SecretsProvider): SecretsProvider {
  return sharedProvider('secrets', providerClass);
}
