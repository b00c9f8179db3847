import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  type GetLatestConfigurationCommandOutput,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { type AppConfigDataOptions, AppConfigDataService } from '../../src/services/appConfigData.js';
import { clientConfig } from './clientConfig.js';
import { type ServedService, serveService } from './serveService.js';

/** An AppConfigData emulator on a free port, with a fake clock and a real SDK client pointed at it. */
export interface AppConfigHarness extends ServedService<AppConfigDataService> {
  readonly client: AppConfigDataClient;
  /** Moves the emulator's clock forward. */
  advance(ms: number): void;
  /** Starts a session for shop/prod/flags unless told otherwise, and returns its initial token. */
  start(identifiers?: Partial<Record<'app' | 'env' | 'profile', string>>, interval?: number): Promise<string>;
  poll(token: string): Promise<GetLatestConfigurationCommandOutput>;
}

/** Starts the service the way the lead's `startEmulator` will, until it is wired in there. */
export async function startAppConfig(options: AppConfigDataOptions = {}): Promise<AppConfigHarness> {
  let now = Date.UTC(2025, 0, 1);
  const served = await serveService((context) => new AppConfigDataService(context, options), { now: () => now });
  const client = new AppConfigDataClient(clientConfig(served.endpoint));
  return {
    ...served,
    client,
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
      await served.stop();
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
