import { type EmulatorSeed, type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { type RunningAgent, startAgent } from '../../src/agent.js';
import { resolveConfig } from '../../src/config/resolveConfig.js';
import { TOKEN_HEADER } from '../../src/http/handler.js';
import { Logger } from '../../src/log.js';

/** The token the test agents expect. */
export const TOKEN = 'tok-3b7d9f21-session-token';

/** Every secret or parameter value seeded below: none of them may appear in a log line. */
export const SECRET_VALUES = [
  'sv-db-pass-8c41',
  'sv-api-key-55e0',
  'sv-old-1a2b',
  'sv-new-3c4d',
  'pv-secure-9f9f',
  'pv-url-0d0d',
] as const;

export const SEED: EmulatorSeed = {
  secretsmanager: {
    secrets: [
      { name: 'app/db', value: { username: 'app', password: 'sv-db-pass-8c41' } },
      { name: 'app/api-key', value: 'sv-api-key-55e0' },
      { name: 'app/cert', binary: '/wD+gA==' },
      { name: 'app/rotated', versions: [{ value: 'sv-old-1a2b' }, { value: 'sv-new-3c4d' }] },
    ],
  },
  ssm: {
    parameters: [
      { name: '/app/url', value: 'pv-url-0d0d' },
      { name: '/app/secure', value: 'pv-secure-9f9f', type: 'SecureString' },
      { name: '/app/flag', versions: ['off', 'on'], labels: ['prod'] },
      { name: '/app/list', value: 'a,b,c', type: 'StringList' },
      { name: '/tree/a', value: '1' },
      { name: '/tree/b/c', value: '2' },
    ],
  },
};

/** A started emulator and agent, with the agent's log lines and a `get` that sends the token. */
export interface TestAgent {
  emulator: RunningEmulator;
  agent: RunningAgent;
  logs: string[];
  /** GET `path` on the agent with the token (unless `headers` override it). */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts an emulator (seeded) and an agent on free ports. `env` is the agent's environment on top of the token;
 * SDK calls make one attempt, so injected faults are seen at once. `endpoint` points the agent elsewhere.
 */
export async function startTestAgent(
  env: NodeJS.ProcessEnv = {},
  options: { now?: () => number; emulator?: RunningEmulator; endpoint?: string } = {},
): Promise<TestAgent> {
  const emulator = options.emulator ?? (await startEmulator({ port: 0, seed: SEED }));
  const { config } = resolveConfig(
    { AWS_SESSION_TOKEN: TOKEN, ...env },
    { endpoint: options.endpoint ?? emulator.endpoint, port: 0 },
  );
  const logs: string[] = [];
  const logger = new Logger(config.logLevel, { write: (line: string) => logs.push(line) });
  const agent = await startAgent({
    config,
    logger,
    clientOverrides: { credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 },
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    emulator,
    agent,
    logs,
    get: (path, headers = {}) => fetch(`${agent.url}${path}`, { headers: { [TOKEN_HEADER]: TOKEN, ...headers } }),
    stop: async () => {
      await agent.close();
      if (options.emulator === undefined) await emulator.stop();
    },
  };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1)): { now: () => number; advance(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
