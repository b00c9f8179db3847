import type { EmulatorSeed } from '@paramkit/emulator';

/** A seed with two applications, two environments of `shop`, and profiles of every content type. */
export const appConfigSeed: EmulatorSeed = {
  appconfig: {
    applications: [
      {
        name: 'shop',
        environments: [
          {
            name: 'prod',
            profiles: [
              { name: 'flags', content: { beta: true }, versionLabel: 'v1' },
              { name: 'motd', content: 'Welcome!' },
              { name: 'secret.binary', content: Buffer.from('s3cret').toString('base64') },
              { name: 'broken', content: '{not json' },
              { name: 'empty', content: '' },
              { name: 'fast', content: { fast: true }, pollIntervalSeconds: 15 },
            ],
          },
          { name: 'staging', profiles: [{ name: 'flags', content: { beta: false } }] },
          { name: 'bare' },
        ],
      },
      {
        name: 'billing',
        environments: [{ name: 'prod', profiles: [{ name: 'flags', content: { invoices: 'v2' } }] }],
      },
    ],
  },
};

/** Decodes configuration bytes. */
export const text = (value: unknown): string => new TextDecoder().decode(value as Uint8Array);

/** AWS's default poll interval, which the seeded profiles (but `fast`) get. */
export const POLL_MS = 60_000;

export const DAY_MS = 24 * 60 * 60 * 1000;
