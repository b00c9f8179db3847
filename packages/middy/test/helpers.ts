import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type EmulatorSeed, type RunningEmulator, startEmulator } from '@paramkit/emulator';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** SDK client options pointing at the test emulator: what a user would pass as `awsClientOptions`. */
export interface ClientOptions {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

/** An emulator for the file, reset and seeded before each test. */
export function useEmulator(seed: EmulatorSeed): { emulator: () => RunningEmulator; client: () => ClientOptions } {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  beforeEach(() => {
    emulator?.reset();
    emulator?.load(seed);
  });
  const current = () => {
    if (emulator === undefined) throw new Error('emulator not started');
    return emulator;
  };
  return {
    emulator: current,
    client: () => ({
      endpoint: current().endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    }),
  };
}

/** A Lambda context good enough for middy. */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test',
    memoryLimitInMB: '256',
    awsRequestId: 'req',
    logGroupName: '/aws/lambda/test',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

let counter = 0;
/** A cache key no other middleware of the process uses (middy's cache is global by key). */
export const uniqueCacheKey = (base: string): string => `${base}-${++counter}`;

/**
 * Cancels the refresh timers that @middy/ssm and @middy/secrets-manager arm for a positive `cacheExpiry` (through
 * their @middy/util, a dependency of theirs, not ours): left running, they fetch again after the test's emulator
 * stops, and middy leaves those failures unhandled.
 */
export async function stopMiddyRefreshTimers(): Promise<void> {
  const ssmEntry = realpathSync(createRequire(import.meta.url).resolve('@middy/ssm'));
  const utilEntry = join(dirname(ssmEntry), '..', 'util', 'index.js');
  const { clearCache } = (await import(pathToFileURL(utilEntry).href)) as { clearCache: () => void };
  clearCache();
}
