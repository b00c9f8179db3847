export type {
  ExtensionConnectionOptions,
  ExtensionGetOutput,
  ExtensionProviderOptions,
  ExtensionSecretsGetOptions,
  ExtensionSecretsGetOutput,
  ExtensionSecretVersion,
  ExtensionSSMGetMultipleOptions,
  ExtensionSSMGetMultipleOutput,
  ExtensionSSMGetOptions,
  ExtensionSSMGetOutput,
  ExtensionValueFromOptions,
  GetMaybeUndefined,
} from '../types/Extension.js';
export { defaultExtensionSecretsProvider, defaultExtensionSSMProvider } from './defaultProviders.js';
export { ExtensionClient, TOKEN_HEADER } from './ExtensionClient.js';
export { ExtensionSecretsProvider } from './ExtensionSecretsProvider.js';
export { ExtensionSSMProvider } from './ExtensionSSMProvider.js';
export { getParameter, getParameters, getSecret } from './helpers.js';
