import type { AppConfigGetOutput, GetAppConfigOptions, GetMaybeUndefined } from '../types/AppConfigProvider.js';
import { defaultAppConfigProvider, installedAppConfigProvider } from './defaultProvider.js';
import { checkIdentifier, resolveApplication } from './identifiers.js';

/**
 * Retrieves an AWS AppConfig configuration profile through the shared, cached `AppConfigProvider`. Any number of
 * applications and environments can be read: each (application, environment, profile) has its own session.
 *
 * @example
 * ```ts
 * import { getAppConfig } from '@paramkit/parameters/appconfig';
 *
 * export const handler = async () => {
 *   const flags = await getAppConfig('flags', { application: 'shop', environment: 'prod', transform: 'json' });
 * };
 * ```
 */
export function getAppConfig<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends GetAppConfigOptions | undefined = GetAppConfigOptions,
>(
  name: string,
  options: NonNullable<InferredFromOptionsType & GetAppConfigOptions> & { throwOnMissing: true },
): Promise<AppConfigGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
export function getAppConfig<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends GetAppConfigOptions | undefined = GetAppConfigOptions,
>(
  name: string,
  options: NonNullable<InferredFromOptionsType & GetAppConfigOptions>,
): Promise<
  GetMaybeUndefined<AppConfigGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>, InferredFromOptionsType>
>;
export async function getAppConfig(name: string, options: GetAppConfigOptions): Promise<unknown> {
  checkIdentifier(options?.environment, 'environment');
  // An application named in the call is read whatever the shared provider's. Without one, a provider you put in
  // DEFAULT_PROVIDERS.appconfig reads its own, as in Powertools; otherwise POWERTOOLS_SERVICE_NAME names it, read
  // at each call.
  const installed = options?.application === undefined ? installedAppConfigProvider() : undefined;
  if (installed !== undefined) return installed.get(name, options);
  const application = resolveApplication(options?.application);
  const provider = defaultAppConfigProvider(application, options.environment);
  return provider.get(name, { ...options, application });
}
