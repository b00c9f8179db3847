import { sharedProvider } from '../base/DefaultProviders.js';
import { SSMProvider } from './SSMProviderCore.js';

/**
 * The shared `SSMProvider` of the helper functions, created on first use. Helpers beyond `getParameter` pass the
 * complete class (from `SSMProvider.ts`, the same class once its methods are added), so that a bundle holding them
 * holds those methods.
 */
export function defaultSSMProvider(providerClass: typeof SSMProvider = SSMProvider): SSMProvider {
  return sharedProvider('ssm', providerClass);
}
