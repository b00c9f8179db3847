import type { GetMaybeUndefined, SSMGetOptions, SSMGetOutput } from '../types/SSMProvider.js';
import { defaultSSMProvider } from './defaultProvider.js';

/**
 * Retrieves one SSM parameter through the shared, cached `SSMProvider`.
 *
 * @example
 * ```ts
 * import { getParameter } from '@paramkit/parameters/ssm';
 *
 * export const handler = async () => {
 *   const db = await getParameter('/app/db', { decrypt: true, transform: 'json' });
 * };
 * ```
 */
export function getParameter<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends SSMGetOptions | undefined = SSMGetOptions,
>(
  name: string,
  options: NonNullable<InferredFromOptionsType & SSMGetOptions> & { throwOnMissing: true },
): Promise<SSMGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
export function getParameter<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends SSMGetOptions | undefined = SSMGetOptions,
>(
  name: string,
  options?: NonNullable<InferredFromOptionsType & SSMGetOptions>,
): Promise<GetMaybeUndefined<SSMGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>, InferredFromOptionsType>>;
export function getParameter(name: string, options?: SSMGetOptions): Promise<unknown> {
  return defaultSSMProvider().get(name, options);
}
