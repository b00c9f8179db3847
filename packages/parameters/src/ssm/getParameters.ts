import type { SSMGetMultipleOptions, SSMGetMultipleOutput } from '../types/SSMProvider.js';
import { defaultSSMProvider } from './defaultProvider.js';
import { SSMProvider } from './SSMProvider.js';

/**
 * Retrieves every SSM parameter under a path through the shared, cached `SSMProvider`.
 *
 * @example
 * ```ts
 * import { getParameters } from '@paramkit/parameters/ssm';
 * const settings = await getParameters('/app', { recursive: true }); // { 'db/url': '...', ... }
 * ```
 */
export function getParameters<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends SSMGetMultipleOptions | undefined = SSMGetMultipleOptions,
>(
  path: string,
  options?: NonNullable<InferredFromOptionsType & SSMGetMultipleOptions>,
): Promise<SSMGetMultipleOutput<ExplicitUserProvidedType, InferredFromOptionsType> | undefined> {
  return defaultSSMProvider(SSMProvider).getMultiple(path, options) as Promise<
    SSMGetMultipleOutput<ExplicitUserProvidedType, InferredFromOptionsType> | undefined
  >;
}
