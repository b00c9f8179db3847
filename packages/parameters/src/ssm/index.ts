export type {
  GetMaybeUndefined,
  SSMGetMultipleOptions,
  SSMGetMultipleOutput,
  SSMGetOptions,
  SSMGetOutput,
  SSMGetParametersByNameOptions,
  SSMGetParametersByNameOutput,
  SSMProviderOptions,
  SSMSetOptions,
} from '../types/SSMProvider.js';
export { getParameter } from './getParameter.js';
export { getParameters } from './getParameters.js';
export { getParametersByName } from './getParametersByName.js';
export { SSMProvider } from './SSMProvider.js';
export { setParameter } from './setParameter.js';
