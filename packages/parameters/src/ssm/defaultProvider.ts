import { DEFAULT_PROVIDERS } from '../base/DefaultProviders.js';
import { SSMProvider } from './SSMProvider.js';

/** The shared `SSMProvider` of the helper functions, created on first use. */
export function defaultSSMProvider(): SSMProvider {
  if (!Object.hasOwn(DEFAULT_PROVIDERS, 'ssm')) DEFAULT_PROVIDERS.ssm = new SSMProvider();
  return DEFAULT_PROVIDERS.ssm as SSMProvider;
}
