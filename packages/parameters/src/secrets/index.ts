export type {
  GetMaybeUndefined,
  SecretsGetOptions,
  SecretsGetOutput,
  SecretsGetSecretsByNameEntryOptions,
  SecretsGetSecretsByNameOptions,
  SecretsGetSecretsByNameOutput,
  SecretsProviderOptions,
  SecretsSetOptions,
  SetSecretOptions,
} from '../types/SecretsProvider.js';
export { getSecret } from './getSecret.js';
export { getSecretsByName } from './getSecretsByName.js';
export { SecretsProvider } from './SecretsProvider.js';
export { setSecret } from './setSecret.js';
export type { WithSecretOptions } from './withSecret.js';
export { withSecret } from './withSecretHelper.js';
