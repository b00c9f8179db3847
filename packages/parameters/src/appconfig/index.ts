export type {
  AppConfigGetOptions,
  AppConfigGetOutput,
  AppConfigProviderOptions,
  AppConfigSessionOptions,
  GetAppConfigOptions,
  GetMaybeUndefined,
} from '../types/AppConfigProvider.js';
export { AppConfigProvider } from './AppConfigProvider.js';
export { getAppConfig } from './getAppConfig.js';
