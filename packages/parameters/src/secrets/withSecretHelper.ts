import type { SecretsGetOptions, SecretsGetOutput } from '../types/SecretsProvider.js';
import { defaultSecretsProvider } from './defaultProvider.js';
import { SecretsProvider } from './SecretsProvider.js';
import type { WithSecretOptions } from './withSecret.js';

/**
 * Runs `use` with a secret from the shared `SecretsProvider`; when it fails with an error `isCredentialsError`
 * accepts, fetches the secret's current version again and, if it changed, runs `use` once more: the retry AWS
 * recommends for rotated database passwords.
 *
 * @example
 * ```ts
 * import { withSecret } from '@paramkit/parameters/secrets';
 *
 * const rows = await withSecret('prod/db', (db) => queryWith(db.password), {
 *   transform: 'json',
 *   isCredentialsError: (error) => (error as { code?: string }).code === '28P01',
 * });
 * ```
 */
export function withSecret<Result, InferredFromOptionsType extends SecretsGetOptions = SecretsGetOptions>(
  name: string,
  use: (secret: SecretsGetOutput<undefined, InferredFromOptionsType>) => Result | Promise<Result>,
  options: WithSecretOptions<InferredFromOptionsType>,
): Promise<Result> {
  return defaultSecretsProvider(SecretsProvider).withSecret(name, use, options);
}
