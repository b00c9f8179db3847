export { AwsServiceError } from './core/awsJson.js';
export type { EmulatorOptions } from './core/emulator.js';
export type { FaultInjector, FaultRule } from './core/faults.js';
export type { RequestCounter } from './core/requests.js';
export type { EmulatorRequest, EmulatorResponse } from './core/types.js';
export {
  createEmulator,
  type Emulator,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from './emulator.js';
export type { EmulatorSeed } from './seed.js';
export type { SsmService, SsmSeed } from './services/ssm.js';
