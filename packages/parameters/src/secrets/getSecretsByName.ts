import type {
  SecretsGetSecretsByNameEntryOptions,
  SecretsGetSecretsByNameOptions,
  SecretsGetSecretsByNameOutput,
} from '../types/SecretsProvider.js';
import { defaultSecretsProvider } from './defaultProvider.js';
import { SecretsProvider } from './SecretsProvider.js';

/**
 * Retrieves many secrets by name or ARN (batched `BatchGetSecretValue` calls) through the shared, cached
 * `SecretsProvider`.
 *
 * @example
 * ```ts
 * import { getSecretsByName } from '@paramkit/parameters/secrets';
 * const { 'prod/db': db, 'api/token': token } = await getSecretsByName({
 *   'prod/db': { transform: 'json' },
 *   'api/token': {},
 * });
 * ```
 */
export function getSecretsByName<ExplicitUserProvidedType = undefined>(
  secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
  options?: SecretsGetSecretsByNameOptions,
): Promise<SecretsGetSecretsByNameOutput<ExplicitUserProvidedType>> {
  return defaultSecretsProvider(SecretsProvider).getSecretsByName<ExplicitUserProvidedType>(secrets, options);
}
