export type {
  DynamoDBGetMultipleOptions,
  DynamoDBGetMultipleOutput,
  DynamoDBGetOptions,
  DynamoDBGetOutput,
  DynamoDBProviderOptions,
  DynamoDBValueFromOptions,
  GetMaybeUndefined,
} from '../types/DynamoDBProvider.js';
export { DynamoDBProvider } from './DynamoDBProvider.js';
