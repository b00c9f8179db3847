import type { GetMaybeUndefined, SecretsGetOptions, SecretsGetOutput } from '../types/SecretsProvider.js';
import { defaultSecretsProvider } from './defaultProvider.js';

/**
 * Retrieves one secret through the shared, cached `SecretsProvider`.
 *
 * @example
 * ```ts
 * import { getSecret } from '@paramkit/parameters/secrets';
 *
 * export const handler = async () => {
 *   const db = await getSecret('prod/db', { transform: 'json', maxAge: 300 });
 * };
 * ```
 */
export function getSecret<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends SecretsGetOptions | undefined = SecretsGetOptions,
>(
  name: string,
  options: NonNullable<InferredFromOptionsType & SecretsGetOptions> & { throwOnMissing: true },
): Promise<SecretsGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
export function getSecret<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends SecretsGetOptions | undefined = SecretsGetOptions,
>(
  name: string,
  options?: NonNullable<InferredFromOptionsType & SecretsGetOptions>,
): Promise<
  GetMaybeUndefined<SecretsGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>, InferredFromOptionsType>
>;
export function getSecret(name: string, options?: SecretsGetOptions): Promise<unknown> {
  return defaultSecretsProvider().get(name, options);
}
