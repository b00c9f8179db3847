import { EmulatorCore, type EmulatorOptions } from './core/emulator.js';
import type { FaultInjector } from './core/faults.js';
import { close, listen } from './core/nodeAdapter.js';
import type { RequestCounter } from './core/requests.js';
import type { EmulatorRequest, EmulatorResponse } from './core/types.js';
import type { EmulatorSeed } from './seed.js';
import { type AppConfigDataOptions, AppConfigDataService } from './services/appConfigData.js';
import { DynamoDbService } from './services/dynamodb.js';
import { type SecretsManagerOptions, SecretsManagerService } from './services/secretsManager.js';
import { SsmService } from './services/ssm.js';

/** An emulator without a server: call `handle` directly, or serve it with `startEmulator`. */
export interface Emulator {
  /** Answers one request; `undefined` means the connection is to be dropped (an injected fault). */
  handle(request: EmulatorRequest): Promise<EmulatorResponse | undefined>;
  /** Requests answered, per AWS operation name. */
  readonly requests: RequestCounter;
  /** Fault rules: latency, throttling, 5xx, dropped connections. */
  readonly faults: FaultInjector;
  /** The SSM Parameter Store service, for direct set-up and inspection. */
  readonly ssm: SsmService;
  /** The Secrets Manager service: create secrets, put new versions (rotation). */
  readonly secretsManager: SecretsManagerService;
  /** The AppConfigData service: deploy new configuration versions. */
  readonly appConfig: AppConfigDataService;
  /** The DynamoDB service: create tables, put items. */
  readonly dynamodb: DynamoDbService;
  /** Loads a seed (the same shape as a seed file). */
  load(seed: EmulatorSeed): void;
  /** Forgets all state, counters and faults. */
  reset(): void;
}

/** Options of `createEmulator`. */
export interface CreateEmulatorOptions extends EmulatorOptions {
  /** Data to load before the first request. */
  seed?: EmulatorSeed;
  /** Settings of the AppConfigData service. */
  appConfig?: AppConfigDataOptions;
  /** Settings of the Secrets Manager service: how rotation makes new values. */
  secretsManager?: SecretsManagerOptions;
}

/** Options of `startEmulator`. */
export interface StartEmulatorOptions extends CreateEmulatorOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
}

/** A running emulator. */
export interface RunningEmulator extends Emulator {
  /** Base URL to give an AWS SDK client as `endpoint`, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops the server and closes every connection. */
  stop(): Promise<void>;
}

/**
 * Creates an emulator with every service, without listening on a port.
 *
 * @example
 * ```ts
 * const emulator = createEmulator({ seed: { ssm: { parameters: [{ name: '/app/url', value: 'https://example.com' }] } } });
 * ```
 */
export function createEmulator(options: CreateEmulatorOptions = {}): Emulator {
  const core = new EmulatorCore(options);
  const secretsManager = new SecretsManagerService(core.context, options.secretsManager);
  const emulator: Emulator = {
    handle: (request) => core.handle(request),
    requests: core.requests,
    faults: core.faults,
    // Parameter Store reads `/aws/reference/secretsmanager/` names from this emulator's Secrets Manager.
    ssm: core.register(new SsmService(core.context, secretsManager)),
    secretsManager: core.register(secretsManager),
    appConfig: core.register(new AppConfigDataService(core.context, options.appConfig)),
    dynamodb: core.register(new DynamoDbService(core.context)),
    load: (seed) => core.load(seed as Record<string, unknown>),
    reset: () => core.reset(),
  };
  if (options.seed) emulator.load(options.seed);
  return emulator;
}

/**
 * Starts the emulator on a local port.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ seed: { ssm: { parameters: [{ name: '/app/db', value: 'postgres://db' }] } } });
 * const client = new SSMClient({ endpoint: emulator.endpoint, region: 'us-east-1' });
 * // ...
 * await emulator.stop();
 * ```
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await listen((request) => emulator.handle(request), options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    ...emulator,
    endpoint: `http://${urlHost}:${port}`,
    port,
    stop: () => close(server),
  };
}
