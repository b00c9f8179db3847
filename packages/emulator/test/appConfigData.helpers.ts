import type { Server } from 'node:http';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  type GetLatestConfigurationCommandOutput,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { EmulatorCore } from '../src/core/emulator.js';
import { close, listen } from '../src/core/nodeAdapter.js';
import { type AppConfigDataOptions, AppConfigDataService } from '../src/services/appConfigData.js';

/** An AppConfigData emulator on a free port, with a fake clock and a real SDK client pointed at it. */
export interface AppConfigHarness {
  readonly core: EmulatorCore;
  readonly service: AppConfigDataService;
  readonly client: AppConfigDataClient;
  readonly endpoint: string;
  /** Moves the emulator's clock forward. */
  advance(ms: number): void;
  /** Starts a session for shop/prod/flags unless told otherwise, and returns its initial token. */
  start(identifiers?: Partial<Record<'app' | 'env' | 'profile', string>>, interval?: number): Promise<string>;
  poll(token: string): Promise<GetLatestConfigurationCommandOutput>;
  stop(): Promise<void>;
}

/** Starts the service the way the lead's `startEmulator` will, until it is wired in there. */
export async function startAppConfig(options: AppConfigDataOptions = {}): Promise<AppConfigHarness> {
  let now = Date.UTC(2025, 0, 1);
  const core = new EmulatorCore({ now: () => now });
  const service = core.register(new AppConfigDataService(core.context, options));
  const { server, port }: { server: Server; port: number } = await listen((r) => core.handle(r), 0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new AppConfigDataClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  return {
    core,
    service,
    client,
    endpoint,
    advance: (ms) => {
      now += ms;
    },
    start: async (ids = {}, interval) => {
      const output = await client.send(
        new StartConfigurationSessionCommand({
          ApplicationIdentifier: ids.app ?? 'shop',
          EnvironmentIdentifier: ids.env ?? 'prod',
          ConfigurationProfileIdentifier: ids.profile ?? 'flags',
          RequiredMinimumPollIntervalInSeconds: interval,
        }),
      );
      if (!output.InitialConfigurationToken) throw new Error('No InitialConfigurationToken');
      return output.InitialConfigurationToken;
    },
    poll: (token) => client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
    stop: async () => {
      client.destroy();
      await close(server);
    },
  };
}

/** The configuration bytes of a poll as text. */
export function text(output: GetLatestConfigurationCommandOutput): string {
  return new TextDecoder().decode(output.Configuration ?? new Uint8Array());
}

/** The seed most tests start from: shop/prod/flags (JSON) and shop/prod/motd (text). */
export const SHOP_SEED = {
  applications: [
    {
      name: 'shop',
      environments: [
        {
          name: 'prod',
          profiles: [
            { name: 'flags', content: { beta: true }, versionLabel: 'v1' },
            { name: 'motd', contentType: 'text/plain', content: 'hello' },
            { name: 'settings', contentType: 'application/x-yaml', content: 'retries: 3\n', pollIntervalSeconds: 30 },
          ],
        },
        { name: 'staging' },
      ],
    },
  ],
};
