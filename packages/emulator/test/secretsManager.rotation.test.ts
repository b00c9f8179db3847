import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  PutSecretValueCommand,
  RotateSecretCommand,
  type RotateSecretCommandInput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RotationRequest } from '../src/index.js';
import { describeWithMoto } from './support/moto.js';
import { rejection } from './support/rejection.js';
import { START, secretsClient, startSecretsManager, token, useSecretsManager } from './support/secretsManager.js';
import { useHarness } from './support/useHarness.js';

// Issue 10 ("Emulator"): RotateSecret and rotation rules, so NextRotationDate and rotation are real in tests. The
// library's rotation-aware secrets will read NextRotationDate through DescribeSecret.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DB = { username: 'app', host: 'db.internal', password: 'initial-password' };

const h = useSecretsManager(async (harness) => {
  await harness.client.send(new CreateSecretCommand({ Name: 'db', SecretString: JSON.stringify(DB) }));
});
const rotate = (input: Partial<RotateSecretCommandInput> = {}) =>
  h.client.send(new RotateSecretCommand({ SecretId: 'db', ...input }));
const describeDb = () => h.client.send(new DescribeSecretCommand({ SecretId: 'db' }));
const value = async (VersionStage?: string) =>
  (await h.client.send(new GetSecretValueCommand({ SecretId: 'db', VersionStage }))).SecretString;

/** The end of the UTC day `days` after `ms`: where a daily rotation window closes. */
const endOfDayAfter = (ms: number, days: number) => new Date(Math.floor(ms / DAY) * DAY + (days + 1) * DAY - 1000);

describe('RotateSecret', () => {
  it('rotates at once: a new AWSCURRENT with a fresh password, the old value AWSPREVIOUS, dates in DescribeSecret', async () => {
    const { VersionId } = await rotate({ RotationRules: { AutomaticallyAfterDays: 30 } });
    const rotated = JSON.parse((await value()) ?? '{}') as typeof DB;
    expect(rotated).toEqual({ username: 'app', host: 'db.internal', password: expect.stringMatching(/^\S{32}$/) });
    expect(rotated.password).not.toBe(DB.password);
    expect(JSON.parse((await value('AWSPREVIOUS')) ?? '{}')).toEqual(DB);
    const described = await describeDb();
    expect(described).toMatchObject({
      RotationEnabled: true,
      RotationRules: { AutomaticallyAfterDays: 30 },
      LastRotatedDate: new Date(START),
      NextRotationDate: endOfDayAfter(START, 30),
    });
    expect(described.VersionIdsToStages?.[VersionId as string]).toEqual(['AWSCURRENT']);
    expect(Object.values(described.VersionIdsToStages ?? {})).toContainEqual(['AWSPREVIOUS']);
  });

  it('rotates again on schedule once the clock passes NextRotationDate, and moves the date on', async () => {
    await rotate({ RotationRules: { AutomaticallyAfterDays: 7 } });
    const first = await value();
    const next = (await describeDb()).NextRotationDate?.getTime() ?? 0;
    h.advance(next - START - 1000);
    expect(await value()).toBe(first);
    h.advance(1000);
    const second = await value();
    expect(second).not.toBe(first);
    expect(await value('AWSPREVIOUS')).toBe(first);
    expect(await describeDb()).toMatchObject({
      LastRotatedDate: new Date(next),
      NextRotationDate: endOfDayAfter(next, 7),
    });
  });

  it('only schedules with RotateImmediately: false', async () => {
    const answer = await rotate({ RotationRules: { AutomaticallyAfterDays: 1 }, RotateImmediately: false });
    expect(answer.VersionId).toBeUndefined();
    expect(JSON.parse((await value()) ?? '{}')).toEqual(DB);
    const described = await describeDb();
    expect(described).toMatchObject({ RotationEnabled: true, NextRotationDate: endOfDayAfter(START, 1) });
    expect(described.LastRotatedDate).toBeUndefined();
  });

  it('computes NextRotationDate for rate(N hours), rate(N days) and cron schedules with a Duration', async () => {
    const next = async (ScheduleExpression: string, Duration?: string) => {
      await rotate({ RotationRules: { ScheduleExpression, Duration }, RotateImmediately: false });
      return (await describeDb()).NextRotationDate;
    };
    expect(await next('rate(4 hours)')).toEqual(new Date(START + 4 * HOUR));
    expect(await next('rate(10 days)', '3h')).toEqual(
      new Date(Math.floor(START / DAY) * DAY + 10 * DAY + 3 * HOUR - 1000),
    );
    // 2025-01-15 is a Wednesday; the next Monday 16:00 UTC is the 20th, and the window lasts two hours.
    expect(await next('cron(0 16 ? * MON *)', '2h')).toEqual(new Date(Date.UTC(2025, 0, 20, 17, 59, 59)));
    expect(await next('cron(30 6 1,15 * ? *)')).toEqual(new Date(Date.UTC(2025, 1, 1, 23, 59, 59)));
    expect((await describeDb()).RotationRules).toEqual({ ScheduleExpression: 'cron(30 6 1,15 * ? *)' });
  });

  it('repeats nothing for a ClientRequestToken it already used', async () => {
    const first = await rotate({ RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: token(1) });
    const current = await value();
    const again = await rotate({ ClientRequestToken: token(1) });
    expect(again.VersionId).toBe(first.VersionId);
    expect(await value()).toBe(current);
  });

  it('without rules (now or earlier) is a one-off rotation: RotationEnabled false, no NextRotationDate', async () => {
    await rotate();
    const described = await describeDb();
    expect(described).toMatchObject({ RotationEnabled: false, LastRotatedDate: new Date(START) });
    expect(described.NextRotationDate).toBeUndefined();
  });

  it('refuses bad rules, naming the problem', async () => {
    const failure = (input: Partial<RotateSecretCommandInput>) => rejection(rotate(input));
    const zero = await failure({ RotationRules: { AutomaticallyAfterDays: 0 } });
    expect(zero.name).toBe('ValidationException');
    expect(zero.message).toBe(
      "1 validation error detected: Value '0' at 'rotationRules.automaticallyAfterDays' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    for (const RotationRules of [
      { AutomaticallyAfterDays: 3, ScheduleExpression: 'rate(3 days)' },
      { ScheduleExpression: 'rate(2 hours)' },
      { ScheduleExpression: 'every day' },
      { ScheduleExpression: 'cron(0 16 * * MON *)' },
      { ScheduleExpression: 'cron(0 16 L * ? *)' },
      { AutomaticallyAfterDays: 3, Duration: '30h' },
    ]) {
      expect(await failure({ RotationRules })).toBeInstanceOf(InvalidParameterException);
    }
    expect(await failure({ RotateImmediately: false })).toBeInstanceOf(InvalidParameterException);
    // Nothing was configured by the refused calls.
    expect(Object.keys(await describeDb())).not.toContain('RotationEnabled');
  });

  it('refuses while another rotation is pending, and for a secret scheduled for deletion', async () => {
    await h.client.send(
      new PutSecretValueCommand({ SecretId: 'db', SecretString: 'pending', VersionStages: ['AWSPENDING'] }),
    );
    const pending = await rejection(rotate());
    expect(pending).toBeInstanceOf(InvalidRequestException);
    expect(pending.message).toBe("A previous rotation isn't complete. That rotation will be reattempted.");
    h.service.deleteSecret('db', { recoveryWindowInDays: 7 });
    expect(await rejection(rotate())).toBeInstanceOf(InvalidRequestException);
  });
});

describe('CancelRotateSecret', () => {
  it('turns automatic rotation off: no NextRotationDate, and no rotation when the date passes', async () => {
    await rotate({ RotationRules: { AutomaticallyAfterDays: 2 } });
    const current = await value();
    await h.client.send(new CancelRotateSecretCommand({ SecretId: 'db' }));
    const described = await describeDb();
    expect(described).toMatchObject({ RotationEnabled: false, RotationRules: { AutomaticallyAfterDays: 2 } });
    expect(described.NextRotationDate).toBeUndefined();
    h.advance(10 * DAY);
    expect(await value()).toBe(current);
  });
});

describe('the rotation hook', () => {
  const calls: RotationRequest[] = [];
  const hooked = useHarness(() =>
    startSecretsManager({
      rotate: (request) => {
        calls.push(request);
        if (request.current === 'explode') throw new Error('hook failed near explode-SECRET');
        return `${String(request.current)}-next`;
      },
    }),
  );
  beforeEach(async () => {
    hooked.reset();
    calls.length = 0;
    await hooked.client.send(new CreateSecretCommand({ Name: 'api-key', SecretString: 'key-1' }));
  });
  const read = async () => (await hooked.client.send(new GetSecretValueCommand({ SecretId: 'api-key' }))).SecretString;

  it('is given the current value and the new version id, and its value becomes AWSCURRENT', async () => {
    const { VersionId } = await hooked.client.send(new RotateSecretCommand({ SecretId: 'api-key' }));
    expect(calls).toEqual([
      { name: 'api-key', arn: expect.stringContaining(':secret:api-key-'), current: 'key-1', versionId: VersionId },
    ]);
    expect(await read()).toBe('key-1-next');
  });

  it('fails the rotation, leaving the secret as it was, when it throws; its message stays out of the answer', async () => {
    await hooked.client.send(new PutSecretValueCommand({ SecretId: 'api-key', SecretString: 'explode' }));
    const failed = await rejection(hooked.client.send(new RotateSecretCommand({ SecretId: 'api-key' })));
    expect(failed).toBeInstanceOf(InvalidRequestException);
    expect(failed.message).toBe('The rotation hook failed, so the secret was not rotated.');
    expect(await read()).toBe('explode');
  });

  it('defaults to a fresh random string for a value that is not a JSON object with a password', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'api-key', SecretString: 'key-1' }));
    await h.client.send(new RotateSecretCommand({ SecretId: 'api-key' }));
    const rotated = await h.client.send(new GetSecretValueCommand({ SecretId: 'api-key' }));
    expect(rotated.SecretString).toMatch(/^\S{32}$/);
  });
});

describe('programmatic rotation', () => {
  it('rotates and reports rotation in getSecret', async () => {
    expect(h.service.getSecret('db')?.rotationEnabled).toBeUndefined();
    const versionId = h.service.rotateSecret('db', { rules: { ScheduleExpression: 'rate(1 days)' } });
    expect(h.service.getSecret('db')).toMatchObject({
      currentVersionId: versionId,
      rotationEnabled: true,
      lastRotatedDate: new Date(START),
      nextRotationDate: endOfDayAfter(START, 1),
    });
  });
});

describeWithMoto('rotation, compared with moto', (moto) => {
  // moto 5.2.1 rotates without a Lambda too. Compared: what DescribeSecret reports and how labels move. Not compared:
  // NextRotationDate itself (moto adds N days to the rotation time; the emulator, like AWS, gives the end of that
  // day's rotation window), and the new value (moto's rotated version has none: GetSecretValue fails).
  const summary = async (client: SecretsManagerClient, name: string) => {
    await client.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify(DB) }));
    const before = await client.send(new DescribeSecretCommand({ SecretId: name }));
    await client.send(new RotateSecretCommand({ SecretId: name, RotationRules: { AutomaticallyAfterDays: 10 } }));
    const after = await client.send(new DescribeSecretCommand({ SecretId: name }));
    const labels = Object.values(after.VersionIdsToStages ?? {})
      .filter((stages) => stages.length > 0)
      .map((stages) => [...stages].sort().join(','))
      .sort();
    return {
      rotationBefore: before.RotationEnabled,
      rotationEnabled: after.RotationEnabled,
      rules: after.RotationRules,
      lastRotated: after.LastRotatedDate instanceof Date,
      nextRotation: after.NextRotationDate instanceof Date && after.NextRotationDate > (after.LastRotatedDate ?? 0),
      labels,
    };
  };

  it('reports the same rotation state and labels', async () => {
    const client = secretsClient(moto.endpoint);
    try {
      const expected = {
        rotationBefore: undefined,
        rotationEnabled: true,
        rules: { AutomaticallyAfterDays: 10 },
        lastRotated: true,
        nextRotation: true,
        labels: ['AWSCURRENT', 'AWSPREVIOUS'],
      };
      expect(await summary(client, `rotation-${Date.now()}`)).toEqual(expected);
      expect(await summary(h.client, 'compared')).toEqual(expected);
    } finally {
      client.destroy();
    }
  });
});
