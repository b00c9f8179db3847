import type { GetMaybeUndefined, OutputFromOptions } from './BaseProvider.js';

/**
 * The typed `get` of a provider, written once: `Options` are the provider's get options and `Raw` what a value is
 * without transform or schema (`string` for SSM, `Uint8Array` for AppConfig...). A provider class declares it by
 * declaration merging (`interface SSMProvider extends TypedGet<SSMGetOptions, string> {}`), since a TypeScript
 * override cannot inherit overloads with its own option types.
 *
 * @example
 * ```ts
 * import type { TypedGet } from '@paramkit/parameters/base/types';
 *
 * type EnvGet = TypedGet<{ transform?: 'json' }, string>;
 * ```
 */
export interface TypedGet<Options, Raw> {
  /** Retrieves one value, from the cache when it holds one younger than `maxAge`. */
  get<ExplicitUserProvidedType = undefined, InferredFromOptionsType extends Options | undefined = Options>(
    name: string,
    options: NonNullable<InferredFromOptionsType & Options> & { throwOnMissing: true },
  ): Promise<OutputFromOptions<Raw, ExplicitUserProvidedType, InferredFromOptionsType>>;
  get<ExplicitUserProvidedType = undefined, InferredFromOptionsType extends Options | undefined = Options>(
    name: string,
    options?: NonNullable<InferredFromOptionsType & Options>,
  ): Promise<
    GetMaybeUndefined<
      OutputFromOptions<Raw, ExplicitUserProvidedType, InferredFromOptionsType>,
      InferredFromOptionsType
    >
  >;
}

/**
 * The typed `getMultiple` of a provider, written once (see `TypedGet`): a record of relative names to values.
 *
 * @example
 * ```ts
 * import type { TypedGetMultiple } from '@paramkit/parameters/base/types';
 *
 * type EnvGetMultiple = TypedGetMultiple<{ transform?: 'json' | 'auto' }, string>;
 * ```
 */
export interface TypedGetMultiple<Options, Raw> {
  /** Retrieves every value under a path as a record of relative name to value. */
  getMultiple<ExplicitUserProvidedType = undefined, InferredFromOptionsType extends Options | undefined = Options>(
    path: string,
    options?: NonNullable<InferredFromOptionsType & Options>,
  ): Promise<Record<string, OutputFromOptions<Raw, ExplicitUserProvidedType, InferredFromOptionsType>> | undefined>;
}
