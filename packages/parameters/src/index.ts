export { clearCaches, DEFAULT_PROVIDERS } from './base/DefaultProviders.js';
export { Transform } from './constants.js';
export {
  GetParameterError,
  isGetParameterError,
  isParameterNotFoundError,
  isSetParameterError,
  isTransformParameterError,
  ParameterNotFoundError,
  SchemaValidationError,
  SetParameterError,
  TransformParameterError,
} from './errors.js';
export type { JSONValue } from './types/json.js';
