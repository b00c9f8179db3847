export type {
  AppConfigAgentGetConfigOutput,
  AppConfigAgentGetOutput,
  GetConfigOptions,
  GetMaybeUndefined,
} from '../types/AppConfigAgent.js';
export { getConfig } from './getConfig.js';
