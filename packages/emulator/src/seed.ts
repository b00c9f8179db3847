import type { SsmSeed } from './services/ssm.js';

/**
 * The seed file format: one optional section per service. See `docs/emulator.md`.
 */
export interface EmulatorSeed {
  /** SSM Parameter Store. */
  ssm?: SsmSeed;
}
