import { type EmulatorSeed, type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { userEnv } from './bin.js';

export const SECRET_PARAM = 'hunter2-param-value';
export const SECRET_TOKEN = 'tok-secret-value-42';

/** Production and staging, a little apart: one value changed, one only in prod, one only in staging. */
export const SEED: EmulatorSeed = {
  ssm: {
    parameters: [
      { name: '/app/prod/db/url', value: 'postgres://prod', type: 'String' },
      { name: '/app/prod/db/password', value: SECRET_PARAM, type: 'SecureString' },
      { name: '/app/prod/limits', value: '{"max":3}', type: 'String' },
      { name: '/app/staging/db/url', value: 'postgres://staging', type: 'String' },
      { name: '/app/staging/db/password', value: SECRET_PARAM, type: 'SecureString' },
      { name: '/app/staging/debug', value: 'true', type: 'String' },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'prod/token', value: SECRET_TOKEN },
      { name: 'staging/token', value: 'staging-token' },
    ],
  },
  appconfig: {
    applications: [
      { name: 'shop', environments: [{ name: 'prod', profiles: [{ name: 'flags', content: { beta: true } }] }] },
    ],
  },
  dynamodb: {
    tables: [{ name: 'config', partitionKey: 'id', items: [{ id: 'service-url', value: 'https://svc.internal' }] }],
  },
};

/** The emulator of a test file, reseeded before each test; `random` drives its fault rates (set it in a test). */
export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly env: NodeJS.ProcessEnv;
  random: () => number;
}

export function useEmulator(): TestEmulator {
  const context = { random: Math.random } as TestEmulator & { emulator: RunningEmulator; env: NodeJS.ProcessEnv };
  beforeAll(async () => {
    context.emulator = await startEmulator({ port: 0, random: () => context.random() });
    context.env = userEnv(context.emulator.endpoint);
  });
  afterAll(async () => {
    await context.emulator.stop();
  });
  beforeEach(() => {
    context.random = Math.random;
    context.emulator.reset();
    context.emulator.faults.clear();
    context.emulator.load(SEED);
  });
  return context;
}
