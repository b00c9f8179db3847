import type { GetMaybeUndefined, OutputFromOptions, TransformFunction } from './BaseProvider.js';
import type { StandardSchemaV1 } from './standardSchema.js';

/**
 * Options of `getConfig`.
 *
 * @example
 * ```ts
 * const options: GetConfigOptions = { application: 'shop', environment: 'prod', transform: 'json', timeout: 1000 };
 * ```
 */
export type GetConfigOptions = {
  /** The environment's name or id. */
  environment: string;
  /** The application's name or id. @default the `POWERTOOLS_SERVICE_NAME` environment variable */
  application?: string;
  /** `'json'`, `'binary'` (base64 text to a string) or a function of your own (paramkit only). */
  transform?: 'json' | 'binary' | TransformFunction;
  /** Milliseconds to wait for the agent's answer. @default 3000 */
  timeout?: number;
  /** Throw `ParameterNotFoundError` instead of returning `undefined` when the agent answers 404. @default false */
  throwOnMissing?: boolean;
  /** A Standard Schema validator run after the transform; its output is returned (paramkit only). */
  schema?: StandardSchemaV1;
};

/**
 * The type of a configuration from the agent: the explicit type argument when given, else the schema's output, the
 * transform function's result, a `JSONValue` for `json`, or a `string`.
 *
 * @example
 * ```ts
 * type Flags = AppConfigAgentGetOutput<undefined, { environment: 'prod'; transform: 'json' }>; // JSONValue
 * ```
 */
export type AppConfigAgentGetOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = OutputFromOptions<string, ExplicitUserProvidedType, InferredFromOptionsType>;

/**
 * What `getConfig` returns: `AppConfigAgentGetOutput`, with `| undefined` unless `throwOnMissing: true`.
 *
 * @example
 * ```ts
 * type Text = AppConfigAgentGetConfigOutput<undefined, { environment: 'prod'; throwOnMissing: true }>; // string
 * ```
 */
export type AppConfigAgentGetConfigOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = GetMaybeUndefined<
  AppConfigAgentGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>,
  InferredFromOptionsType
>;

export type { GetMaybeUndefined } from './BaseProvider.js';
