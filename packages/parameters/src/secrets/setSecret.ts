import type { SetSecretOptions } from '../types/SecretsProvider.js';
import { defaultSecretsProvider } from './defaultProvider.js';
import { SecretsProvider } from './SecretsProvider.js';

/**
 * Stores a new value of a secret (creating the secret with `createIfMissing`) and returns the new version's id;
 * the shared provider's cache is updated.
 *
 * @example
 * ```ts
 * import { setSecret } from '@paramkit/parameters/secrets';
 * const versionId = await setSecret('api/token', 'n3w-t0ken', { createIfMissing: true });
 * ```
 */
export function setSecret(name: string, value: string | Uint8Array, options: SetSecretOptions = {}): Promise<string> {
  return defaultSecretsProvider(SecretsProvider).set(name, { ...options, value });
}
