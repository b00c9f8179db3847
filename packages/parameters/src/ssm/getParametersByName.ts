import type { SSMGetParametersByNameOptions, SSMGetParametersByNameOutput } from '../types/SSMProvider.js';
import { defaultSSMProvider } from './defaultProvider.js';
import { SSMProvider } from './SSMProvider.js';

/**
 * Retrieves many SSM parameters by name (batched `GetParameters` calls) through the shared, cached `SSMProvider`.
 *
 * @example
 * ```ts
 * import { getParametersByName } from '@paramkit/parameters/ssm';
 * const { '/app/url': url, '/app/db': db } = await getParametersByName({
 *   '/app/url': {},
 *   '/app/db': { decrypt: true, transform: 'json' },
 * });
 * ```
 */
export function getParametersByName<ExplicitUserProvidedType = undefined>(
  parameters: Record<string, SSMGetParametersByNameOptions>,
  options?: SSMGetParametersByNameOptions,
): Promise<SSMGetParametersByNameOutput<ExplicitUserProvidedType>> {
  return defaultSSMProvider(SSMProvider).getParametersByName<ExplicitUserProvidedType>(parameters, options);
}
