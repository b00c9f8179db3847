export type {
  BaseProviderConstructorOptions,
  BaseProviderInterface,
  GetMaybeUndefined,
  GetMultipleOptionsInterface,
  GetOptionsInterface,
  ProviderCacheOptions,
  ProviderStats,
  TransformFunction,
  TransformOptions,
} from '../types/BaseProvider.js';
export { BaseProvider } from './BaseProvider.js';
export { type BatchFailures, batchFailuresOf } from './batchFailures.js';
export { clearCaches, DEFAULT_PROVIDERS } from './DefaultProviders.js';
export { GetMultipleOptions, GetOptions } from './GetOptions.js';
