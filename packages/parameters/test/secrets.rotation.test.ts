import {
  CancelRotateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { clearCaches } from '../src/index.js';
import { getSecret, SecretsProvider, withSecret } from '../src/secrets/index.js';
import type { JSONValue } from '../src/types/json.js';
import { useEmulatorEnvironment, useTestEmulator } from './helpers/emulator.js';

// One clock for the library and the emulator, so that a test moves time instead of sleeping: the emulator runs a
// scheduled rotation at the first request after its NextRotationDate on this clock. `rotationLagMs` holds the
// emulator's clock back, standing for a rotation function that takes that long after the rotation is due.
let now = 0;
let rotationLagMs = 0;
const clock = {
  now: () => now,
  advance(ms: number) {
    now += ms;
  },
};
beforeEach(() => {
  now = Date.UTC(2030, 0, 1, 9);
  rotationLagMs = 0;
});

/** Each rotation moves the password one step along this list, so tests know what a rotated secret holds. */
const PASSWORDS = ['first', 'second', 'third', 'fourth', 'fifth'];
const ctx = useTestEmulator(
  { secretsmanager: { secrets: [{ name: 'app/db', value: { user: 'app', password: 'first' } }] } },
  {
    now: () => now - rotationLagMs,
    secretsManager: {
      rotate: ({ current }) => {
        const secret = JSON.parse(String(current)) as { password: string };
        return JSON.stringify({ ...secret, password: PASSWORDS[PASSWORDS.indexOf(secret.password) + 1] });
      },
    },
  },
);

useEmulatorEnvironment(ctx);
afterEach(() => clearCaches());

const admin = () => new SecretsManagerClient(ctx.clientConfig);
const send = <T>(command: { input: object }) => admin().send(command as never) as Promise<T>;

/** Turns on rotation every four hours without rotating now; resolves to the NextRotationDate it reports. */
async function scheduleRotation(): Promise<number> {
  await send(
    new RotateSecretCommand({
      SecretId: 'app/db',
      RotationRules: { ScheduleExpression: 'rate(4 hours)' },
      RotateImmediately: false,
    }),
  );
  return nextRotation();
}

async function nextRotation(): Promise<number> {
  const { NextRotationDate } = await send<{ NextRotationDate?: Date }>(
    new DescribeSecretCommand({ SecretId: 'app/db' }),
  );
  if (NextRotationDate === undefined) throw new Error('no NextRotationDate');
  return NextRotationDate.getTime();
}

const calls = (operation: string) => ctx.emulator.requests.count(operation);
const providers = () => ({
  aware: new SecretsProvider({ clientConfig: ctx.clientConfig, now: clock.now, rotationAware: true }),
  lazy: new SecretsProvider({ clientConfig: ctx.clientConfig, now: clock.now }),
});
const read = (provider: SecretsProvider, maxAge = 86_400) =>
  provider.get('app/db', { transform: 'json', maxAge }) as Promise<{ password: string }>;

describe('rotation-aware secrets, against RotateSecret and rotation rules', () => {
  it('sees each scheduled rotation at its NextRotationDate, whatever its maxAge', async () => {
    const rotatesAt = await scheduleRotation();
    expect(rotatesAt - clock.now()).toBe(4 * 3_600_000);
    const { aware, lazy } = providers();
    expect(await read(aware)).toEqual({ user: 'app', password: 'first' });
    expect(await read(lazy)).toEqual({ user: 'app', password: 'first' });
    const secretReads = calls('GetSecretValue');

    clock.advance(rotatesAt - clock.now() - 1_000);
    expect((await read(aware)).password).toBe('first');
    expect(calls('GetSecretValue')).toBe(secretReads); // still a cache hit a second before the rotation

    clock.advance(1_000);
    expect((await read(aware)).password).toBe('second');
    expect((await read(lazy)).password).toBe('first'); // a day's maxAge: the old password for 20 more hours
    expect(await nextRotation()).toBe(rotatesAt + 4 * 3_600_000);

    // The next window is read with the new value, so the rotation after it is seen on time too.
    clock.advance(4 * 3_600_000 - 1_000);
    expect((await read(aware)).password).toBe('second');
    clock.advance(1_000);
    expect((await read(aware)).password).toBe('third');
  });

  it('a value fetched before a rotation is never fresh again, even when the refresh at the rotation failed', async () => {
    const rotatesAt = await scheduleRotation();
    const { aware } = providers();
    clock.advance(rotatesAt - clock.now() - 100_000);
    expect((await read(aware, 300)).password).toBe('first'); // fetched 100 s before the rotation
    clock.advance(101_000);
    // The rotation has run; the refresh it calls for is throttled: the old value is served stale, as documented.
    ctx.emulator.faults.add({ service: 'secretsmanager', operation: 'GetSecretValue', throttleRate: 1 });
    expect((await read(aware, 300)).password).toBe('first');
    expect(aware.stats().staleServed).toBeGreaterThan(0);
    // The outage ends a minute later, well inside the first value's 300 s: the next read fetches the new value
    // instead of taking the pre-rotation one as fresh.
    ctx.emulator.faults.clear();
    clock.advance(60_000);
    expect((await read(aware, 300)).password).toBe('second');
  });

  it('caches DescribeSecret too: one call per secret until the rotation or five minutes', async () => {
    await scheduleRotation();
    const { aware } = providers();
    const describes = calls('DescribeSecret');
    for (let minute = 0; minute < 4; minute++) {
      await read(aware, 30);
      clock.advance(60_000);
    }
    expect(calls('GetSecretValue')).toBe(4);
    expect(calls('DescribeSecret') - describes).toBe(1);
    clock.advance(120_000);
    await read(aware, 30);
    expect(calls('DescribeSecret') - describes).toBe(2);
  });

  it('a rotation that is due but not finished: the old value, refetched after 10 s, then 20 s, until the new one shows', async () => {
    const rotatesAt = await scheduleRotation();
    const { aware } = providers();
    await read(aware);
    clock.advance(rotatesAt - clock.now());
    // The rotation function needs 25 s past the due time: DescribeSecret keeps reporting the passed date meanwhile.
    rotationLagMs = 25_000;
    const before = { values: calls('GetSecretValue'), describes: calls('DescribeSecret') };
    const seen: string[] = [];
    for (let second = 0; second < 40; second++) {
      seen.push((await read(aware)).password);
      clock.advance(1_000);
    }
    // Fetched at 0 and 10 s (old value), then at 30 s, 5 s after the rotation finished (new value); every other
    // read was a cache hit, and the new value's next rotation is four hours away, so no more calls.
    expect(seen.indexOf('second')).toBe(30);
    expect(seen.slice(30).every((password) => password === 'second')).toBe(true);
    expect(calls('GetSecretValue') - before.values).toBe(3);
    expect(calls('DescribeSecret') - before.describes).toBe(3);
  });

  it('a rotation that stays unfinished is checked ever less often (10 s doubling to 5 min), and reads keep the old value', async () => {
    const rotatesAt = await scheduleRotation();
    const { aware } = providers();
    await read(aware);
    clock.advance(rotatesAt - clock.now());
    rotationLagMs = 3_600_000; // a rotation function failing and retried for an hour
    const before = { values: calls('GetSecretValue'), describes: calls('DescribeSecret') };
    for (let second = 0; second < 3_600; second += 5) {
      expect((await read(aware)).password).toBe('first');
      clock.advance(5_000);
    }
    // Checks at 0, 10, 30, 70, 150, 310, 610 s, then every 300 s: 16 in the hour, against 360 at a steady 10 s.
    expect(calls('GetSecretValue') - before.values).toBe(16);
    expect(calls('DescribeSecret') - before.describes).toBe(16);
  });

  it('follows CancelRotateSecret: with rotation off, maxAge alone decides', async () => {
    const rotatesAt = await scheduleRotation();
    const { aware } = providers();
    await read(aware, 600);
    await send(new CancelRotateSecretCommand({ SecretId: 'app/db' }));
    clock.advance(rotatesAt - clock.now());
    expect((await read(aware, 600)).password).toBe('first'); // refetched at the old date: no rotation any more
    const values = calls('GetSecretValue');
    clock.advance(599_000);
    await read(aware, 600);
    expect(calls('GetSecretValue')).toBe(values);
  });

  it('caps nothing when rotation is off or DescribeSecret is refused', async () => {
    const { aware } = providers();
    await aware.get('app/db', { maxAge: 600 });
    clock.advance(500_000);
    await aware.get('app/db', { maxAge: 600 });
    expect(calls('GetSecretValue')).toBe(1);
    // A role without secretsmanager:DescribeSecret: the secret is still read, and kept for its maxAge.
    const real = new SecretsManagerClient(ctx.clientConfig);
    const denied = new SecretsProvider({
      now: clock.now,
      rotationAware: true,
      awsSdkV3Client: {
        send: (command: { constructor: { name: string } }) =>
          command.constructor.name === 'DescribeSecretCommand'
            ? Promise.reject(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }))
            : real.send(command as never),
      } as unknown as SecretsManagerClient,
    });
    await scheduleRotation();
    expect(await denied.get('app/db', { maxAge: 600 })).toContain('first');
    clock.advance(590_000);
    expect(await denied.get('app/db', { maxAge: 600 })).toContain('first');
    expect(calls('GetSecretValue')).toBe(2);
  });

  it('a throttled DescribeSecret keeps the cap known and checks again within seconds, not a maxAge later', async () => {
    const rotatesAt = await scheduleRotation();
    const { aware } = providers();
    // The first check is throttled: the secret lives 10 s, not its day, and the next read asks again.
    ctx.emulator.faults.add({ operation: 'DescribeSecret', throttleRate: 1, times: 1 });
    expect((await read(aware)).password).toBe('first');
    clock.advance(10_000);
    expect((await read(aware)).password).toBe('first');
    expect(calls('GetSecretValue')).toBe(2);
    const describes = calls('DescribeSecret');

    // A later check, forced by forceFetch, is throttled: the rotation date it knew still ends the cached life.
    clock.advance(6 * 60_000);
    ctx.emulator.faults.add({ operation: 'DescribeSecret', throttleRate: 1, times: 1 });
    await aware.get('app/db', { transform: 'json', maxAge: 86_400, forceFetch: true });
    expect(calls('DescribeSecret')).toBe(describes + 1);
    clock.advance(rotatesAt - clock.now());
    expect((await read(aware)).password).toBe('second');
  });

  it('rejects a rotationAware that is not a boolean', () => {
    expect(() => new SecretsProvider({ rotationAware: 'yes' as unknown as boolean })).toThrow(TypeError);
  });
});

describe('withSecret, after a real RotateSecret', () => {
  const rejected = Object.assign(new Error('password authentication failed'), { code: '28P01' });
  const isCredentialsError = (error: unknown) => (error as { code?: string }).code === '28P01';
  /** A database that accepts only the secret's current password, as the emulator holds it. */
  const connect = async (db: unknown) => {
    const current = JSON.parse(String(ctx.emulator.secretsManager.getSecretValue('app/db'))) as { password: string };
    if ((db as { password: string }).password !== current.password) throw rejected;
    return 'connected';
  };

  it('refetches the current secret once when the callback says the credentials were rejected', async () => {
    const { aware, lazy } = providers();
    for (const secrets of [aware, lazy]) await read(secrets);
    // An on-demand rotation, outside any schedule: no cache could have seen it coming.
    await send(new RotateSecretCommand({ SecretId: 'app/db' }));
    for (const secrets of [aware, lazy]) {
      const tried: string[] = [];
      const result = await secrets.withSecret(
        'app/db',
        (db) => {
          expectTypeOf(db).toEqualTypeOf<JSONValue>();
          tried.push((db as { password: string }).password);
          return connect(db);
        },
        { transform: 'json', maxAge: 86_400, isCredentialsError },
      );
      expect(result).toBe('connected');
      expect(tried).toEqual(['first', 'second']);
      expect((await read(secrets)).password).toBe('second'); // the refetched value replaced the cached one
    }
  });

  it('throws the callback’s own error when the refetch itself fails', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    let attempts = 0;
    const use = async () => {
      attempts++;
      ctx.emulator.faults.add({ service: 'secretsmanager', operation: 'GetSecretValue', throttleRate: 1 });
      throw rejected;
    };
    await expect(secrets.withSecret('app/db', use, { isCredentialsError })).rejects.toBe(rejected);
    expect(attempts).toBe(1);
    ctx.emulator.faults.clear();
  });

  it('lets other errors through, and does not retry when the refetched secret is the same', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    let attempts = 0;
    const use = async () => {
      attempts++;
      throw rejected;
    };
    await expect(secrets.withSecret('app/db', use, { isCredentialsError })).rejects.toBe(rejected);
    expect(attempts).toBe(1);
    expect(calls('GetSecretValue')).toBe(2);
    const other = new Error('connection refused');
    const refused = () => {
      throw other;
    };
    await expect(secrets.withSecret('app/db', refused, { isCredentialsError })).rejects.toBe(other);
    expect(calls('GetSecretValue')).toBe(2);
  });

  it('a rotation in progress (AWSPENDING staged, AWSCURRENT unchanged): one refetch, then the caller’s error', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await read(secrets);
    await send(
      new PutSecretValueCommand({
        SecretId: 'app/db',
        SecretString: JSON.stringify({ user: 'app', password: 'pending' }),
        VersionStages: ['AWSPENDING'],
      }),
    );
    let attempts = 0;
    const use = async () => {
      attempts++;
      throw rejected;
    };
    await expect(secrets.withSecret('app/db', use, { transform: 'json', isCredentialsError })).rejects.toBe(rejected);
    expect(attempts).toBe(1);
  });

  it('compares what a transform made of the secret as data: a class instance or a Map that changed is retried', async () => {
    class Credentials {
      readonly #password: string;
      constructor(text: string) {
        this.#password = (JSON.parse(text) as { password: string }).password;
      }
      get password() {
        return this.#password;
      }
    }
    const transforms = {
      instance: (text: unknown) => new Credentials(String(text)),
      map: (text: unknown) => new Map(Object.entries(JSON.parse(String(text)) as object)),
    };
    for (const [kind, transform] of Object.entries(transforms)) {
      const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
      await secrets.get('app/db', { transform, maxAge: 86_400 });
      await send(new RotateSecretCommand({ SecretId: 'app/db' }));
      const tried: string[] = [];
      const result = await secrets.withSecret(
        'app/db',
        (db) => {
          const password = db instanceof Map ? String(db.get('password')) : (db as Credentials).password;
          tried.push(password);
          return connect({ password });
        },
        { transform, maxAge: 86_400, isCredentialsError },
      );
      expect(result, kind).toBe('connected');
      expect(tried, kind).toHaveLength(2);
      expect(tried[0], kind).not.toBe(tried[1]);
    }
  });

  it('retries once only: a second rejection reaches the caller', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await read(secrets);
    await send(new RotateSecretCommand({ SecretId: 'app/db' }));
    const tried: string[] = [];
    const use = async (db: unknown) => {
      tried.push((db as { password: string }).password);
      throw rejected;
    };
    await expect(
      secrets.withSecret('app/db', use, { transform: 'json', maxAge: 86_400, isCredentialsError }),
    ).rejects.toBe(rejected);
    expect(tried).toEqual(['first', 'second']);
  });

  it('the withSecret helper does the same through the shared provider', async () => {
    await getSecret('app/db', { transform: 'json', maxAge: 3600 });
    await send(new RotateSecretCommand({ SecretId: 'app/db' }));
    const tried: string[] = [];
    const result = await withSecret(
      'app/db',
      (db) => {
        tried.push((db as { password: string }).password);
        return connect(db);
      },
      { transform: 'json', maxAge: 3600, isCredentialsError },
    );
    expect(result).toBe('connected');
    expect(tried).toEqual(['first', 'second']);
  });

  it('needs isCredentialsError', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await expect(secrets.withSecret('app/db', () => 1, {} as never)).rejects.toThrow(/isCredentialsError/);
  });
});

describe('the rotation schedule of a cached secret', () => {
  it('is read once and applied once: cache hits, single or batched, wait for nothing and set no cap again', async () => {
    const { RotationSchedule } = await import('../src/secrets/rotationSchedule.js');
    const { CacheEngine } = await import('../src/engine/index.js');
    const engine = new CacheEngine({ now: clock.now });
    let describes = 0;
    const caps: (number | undefined)[] = [];
    const limit = engine.limitLifetime.bind(engine);
    engine.limitLifetime = (name, atMs) => {
      caps.push(atMs);
      limit(name, atMs);
    };
    const next = now + 3_600_000;
    const schedule = new RotationSchedule(engine, async () => {
      describes++;
      return { RotationEnabled: true, NextRotationDate: new Date(next), $metadata: {} };
    });
    await schedule.apply('app/db');
    expect(caps).toEqual([next]);
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) expect(schedule.apply('app/db')).toBeUndefined();
    expect({ describes, caps }).toEqual({ describes: 1, caps: [next] });
    clock.advance(5 * 60_000); // past the five minutes a schedule is trusted: read again
    await schedule.apply('app/db');
    expect({ describes, caps }).toEqual({ describes: 2, caps: [next, next] });
  });
});
