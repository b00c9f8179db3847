import type { AppConfigGetOutput, GetAppConfigOptions, GetMaybeUndefined } from '../types/AppConfigProvider.js';
import { defaultAppConfigProvider } from './defaultProvider.js';
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
  // Resolved on every call, not only when the shared provider is created: the helper serves any application.
  const application = resolveApplication(options?.application);
  checkIdentifier(options?.environment, 'environment');
  const provider = defaultAppConfigProvider(application, options.environment);
  return provider.get(name, { ...options, application });
}
