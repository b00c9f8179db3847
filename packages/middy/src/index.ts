export { type ConfigContext, type ConfigMiddlewareOptions, configMiddleware } from './configMiddleware.js';
export type { DropInOptions } from './dropin/options.js';
export { clearCache } from './dropin/registry.js';
export type { DropInContext, DropInInternal, FetchedValues, HintedValue, ReturnTypeHint } from './dropin/types.js';
