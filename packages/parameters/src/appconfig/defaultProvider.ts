import { DEFAULT_PROVIDERS } from '../base/DefaultProviders.js';
import { AppConfigProvider } from './AppConfigProvider.js';

/** The shared providers this module made (as opposed to one a user put in `DEFAULT_PROVIDERS`). */
const madeHere = new WeakSet<object>();

/**
 * The provider a user put in `DEFAULT_PROVIDERS.appconfig`, if any: it reads its own application when a call
 * names none, as in Powertools.
 *
 * @example
 * ```ts
 * const installed = installedAppConfigProvider(); // undefined unless you set DEFAULT_PROVIDERS.appconfig
 * ```
 */
export function installedAppConfigProvider(): AppConfigProvider | undefined {
  const installed = Object.hasOwn(DEFAULT_PROVIDERS, 'appconfig') ? DEFAULT_PROVIDERS.appconfig : undefined;
  return installed === undefined || madeHere.has(installed) ? undefined : (installed as AppConfigProvider);
}

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
    const made = new AppConfigProvider({ application, environment });
    madeHere.add(made);
    DEFAULT_PROVIDERS.appconfig = made;
  }
  return DEFAULT_PROVIDERS.appconfig as AppConfigProvider;
}
