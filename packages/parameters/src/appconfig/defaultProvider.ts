import { DEFAULT_PROVIDERS } from '../base/DefaultProviders.js';
import { AppConfigProvider } from './AppConfigProvider.js';

/**
 * The shared `AppConfigProvider` of `getAppConfig`, created on first use. It serves every application and
 * environment: `getAppConfig` names them on each call, so the first call's pair is only its default.
 *
 * @example
 * ```ts
 * const provider = defaultAppConfigProvider('shop', 'prod');
 * ```
 */
export function defaultAppConfigProvider(application: string, environment: string): AppConfigProvider {
  if (!Object.hasOwn(DEFAULT_PROVIDERS, 'appconfig')) {
    DEFAULT_PROVIDERS.appconfig = new AppConfigProvider({ application, environment });
  }
  return DEFAULT_PROVIDERS.appconfig as AppConfigProvider;
}
