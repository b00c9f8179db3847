import { DEFAULT_PROVIDERS } from '../base/DefaultProviders.js';
import { ExtensionSecretsProvider } from './ExtensionSecretsProvider.js';
import { ExtensionSSMProvider } from './ExtensionSSMProvider.js';

/**
 * The shared `ExtensionSecretsProvider` of the helpers, created on first use under
 * `DEFAULT_PROVIDERS.extensionSecrets` (replace it there to change what the helpers use).
 *
 * @example
 * ```ts
 * defaultExtensionSecretsProvider().clearCache();
 * ```
 */
export function defaultExtensionSecretsProvider(): ExtensionSecretsProvider {
  if (!Object.hasOwn(DEFAULT_PROVIDERS, 'extensionSecrets')) {
    DEFAULT_PROVIDERS.extensionSecrets = new ExtensionSecretsProvider();
  }
  return DEFAULT_PROVIDERS.extensionSecrets as ExtensionSecretsProvider;
}

/**
 * The shared `ExtensionSSMProvider` of the helpers, created on first use under `DEFAULT_PROVIDERS.extensionSsm`.
 *
 * @example
 * ```ts
 * defaultExtensionSSMProvider().clearCache();
 * ```
 */
export function defaultExtensionSSMProvider(): ExtensionSSMProvider {
  if (!Object.hasOwn(DEFAULT_PROVIDERS, 'extensionSsm')) DEFAULT_PROVIDERS.extensionSsm = new ExtensionSSMProvider();
  return DEFAULT_PROVIDERS.extensionSsm as ExtensionSSMProvider;
}
