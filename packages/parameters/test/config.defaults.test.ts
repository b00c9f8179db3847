import { afterEach, describe, expect, it } from 'vitest';
import { clearCaches } from '../src/base/DefaultProviders.js';
import { appConfig, defineConfig, dynamodb, secret, ssm } from '../src/config/index.js';
import { getParameter } from '../src/ssm/index.js';
import { configSeed } from './helpers/configSeed.js';
import { useEmulatorEnvironment, useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator(configSeed);
useEmulatorEnvironment(ctx);
afterEach(() => clearCaches());

describe('defineConfig without providers', () => {
  it('reads through the shared providers of the helper functions, sharing their cache', async () => {
    const config = defineConfig(
      {
        url: ssm('/cfg/p0'),
        token: secret('cfg/token'),
        db: secret('cfg/db', { transform: 'json' }),
        flags: appConfig({ application: 'shop', environment: 'prod', profile: 'flags' }, { transform: 'json' }),
        theme: dynamodb({ tableName: 'settings', name: 'theme' }),
        themeAgain: dynamodb({ tableName: 'settings', name: 'theme', keyAttr: 'id', valueAttr: 'value' }),
      },
      { maxAge: 60 },
    );
    expect(await config.get()).toMatchObject({
      url: 'value-0',
      token: 't0ken-s3cret',
      flags: { beta: true },
      theme: 'dark',
    });
    const calls = ctx.emulator.requests.count();
    expect(await getParameter('/cfg/p0', { decrypt: true, maxAge: 60 })).toBe('value-0');
    expect(ctx.emulator.requests.count()).toBe(calls);
    expect(ctx.emulator.requests.count('GetItem')).toBe(2); // two table layouts, two providers
  });

  it('a provider given as a function of the table, or one instance for every table', async () => {
    const { DynamoDBProvider } = await import('../src/dynamodb/index.js');
    const provider = new DynamoDBProvider({ tableName: 'settings' });
    const tables: string[] = [];
    const byFunction = defineConfig(
      { theme: dynamodb({ tableName: 'settings', name: 'theme' }) },
      {
        providers: {
          dynamodb: (target) => {
            tables.push(target.tableName);
            return provider;
          },
        },
      },
    );
    expect(await byFunction.get()).toEqual({ theme: 'dark' });
    expect(tables).toEqual(['settings']);
    const byInstance = defineConfig(
      { theme: dynamodb({ tableName: 'settings', name: 'theme' }) },
      { providers: { dynamodb: provider } },
    );
    expect(await byInstance.get()).toEqual({ theme: 'dark' });
  });
});
