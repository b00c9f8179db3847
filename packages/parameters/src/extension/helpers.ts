import type {
  ExtensionSecretsGetOptions,
  ExtensionSecretsGetOutput,
  ExtensionSSMGetMultipleOptions,
  ExtensionSSMGetMultipleOutput,
  ExtensionSSMGetOptions,
  ExtensionSSMGetOutput,
  GetMaybeUndefined,
} from '../types/Extension.js';
import { defaultExtensionSecretsProvider, defaultExtensionSSMProvider } from './defaultProviders.js';

/**
 * Retrieves one secret through the extension (`localhost:2773` by default), cached by the shared provider.
 *
 * @example
 * ```ts
 * import { getSecret } from '@paramkit/parameters/extension';
 * const db = await getSecret('prod/db', { transform: 'json', maxAge: 60 });
 * ```
 */
export function getSecret<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends ExtensionSecretsGetOptions | undefined = ExtensionSecretsGetOptions,
>(
  name: string,
  options: NonNullable<InferredFromOptionsType & ExtensionSecretsGetOptions> & { throwOnMissing: true },
): Promise<ExtensionSecretsGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
export function getSecret<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends ExtensionSecretsGetOptions | undefined = ExtensionSecretsGetOptions,
>(
  name: string,
  options?: NonNullable<InferredFromOptionsType & ExtensionSecretsGetOptions>,
): Promise<
  GetMaybeUndefined<
    ExtensionSecretsGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>,
    InferredFromOptionsType
  >
>;
export function getSecret(name: string, options?: ExtensionSecretsGetOptions): Promise<unknown> {
  return defaultExtensionSecretsProvider().get(name, options);
}

/**
 * Retrieves one parameter through the extension, cached by the shared provider.
 *
 * @example
 * ```ts
 * import { getParameter } from '@paramkit/parameters/extension';
 * const url = await getParameter('/app/url', { maxAge: 60 });
 * ```
 */
export function getParameter<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends ExtensionSSMGetOptions | undefined = ExtensionSSMGetOptions,
>(
  name: string,
  options: NonNullable<InferredFromOptionsType & ExtensionSSMGetOptions> & { throwOnMissing: true },
): Promise<ExtensionSSMGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
export function getParameter<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends ExtensionSSMGetOptions | undefined = ExtensionSSMGetOptions,
>(
  name: string,
  options?: NonNullable<InferredFromOptionsType & ExtensionSSMGetOptions>,
): Promise<
  GetMaybeUndefined<ExtensionSSMGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>, InferredFromOptionsType>
>;
export function getParameter(name: string, options?: ExtensionSSMGetOptions): Promise<unknown> {
  return defaultExtensionSSMProvider().get(name, options);
}

/**
 * Retrieves every parameter under a path through paramkit-agent's `get-by-path`, cached by the shared provider.
 *
 * @example
 * ```ts
 * import { getParameters } from '@paramkit/parameters/extension';
 * const settings = await getParameters('/app', { recursive: true }); // { 'db/url': '...', ... }
 * ```
 */
export function getParameters<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends ExtensionSSMGetMultipleOptions | undefined = ExtensionSSMGetMultipleOptions,
>(
  path: string,
  options?: NonNullable<InferredFromOptionsType & ExtensionSSMGetMultipleOptions>,
): Promise<ExtensionSSMGetMultipleOutput<ExplicitUserProvidedType, InferredFromOptionsType> | undefined> {
  return defaultExtensionSSMProvider().getMultiple(path, options) as Promise<
    ExtensionSSMGetMultipleOutput<ExplicitUserProvidedType, InferredFromOptionsType> | undefined
  >;
}
