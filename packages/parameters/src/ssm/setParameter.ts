import type { SSMSetOptions } from '../types/SSMProvider.js';
import { defaultSSMProvider } from './defaultProvider.js';
import { SSMProvider } from './SSMProvider.js';

/**
 * Creates or updates an SSM parameter and returns its version; the shared provider's cache is updated.
 *
 * @example
 * ```ts
 * import { setParameter } from '@paramkit/parameters/ssm';
 * const version = await setParameter('/app/flag', { value: 'on', overwrite: true });
 * ```
 */
export function setParameter<InferredFromOptionsType extends SSMSetOptions | undefined = SSMSetOptions>(
  name: string,
  options: InferredFromOptionsType & SSMSetOptions,
): Promise<number> {
  return defaultSSMProvider(SSMProvider).set(name, options);
}
