import {
  GetParameterCommand,
  GetParametersCommand,
  ParameterNotFound,
  type SSMClient,
  ValidationException,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { startSsm } from './support/ssm.js';

// Issue 8 ("Emulator"): GetParameter of /aws/reference/secretsmanager/NAME answers with the secret, in the shape
// the Parameter Store user guide documents ("Referencing AWS Secrets Manager secrets from Parameter Store
// parameters"), and refuses it without WithDecryption, with AWS's message.

const PREFIX = '/aws/reference/secretsmanager/';
const NEEDS_DECRYPTION = 'WithDecryption flag must be True for retrieving a Secret Manager secret.';
const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

let emulator: RunningEmulator;
let client: SSMClient;
let first: string;
let second: string;

beforeAll(async () => {
  ({ emulator, client } = await startSsm());
});
beforeEach(() => {
  emulator.reset();
  first = emulator.secretsManager.createSecret({ name: 'app/db', value: '{"password":"one"}' }).versionId;
  second = emulator.secretsManager.putSecretValue('app/db', '{"password":"two"}');
});
afterAll(async () => {
  client.destroy();
  await emulator.stop();
});

const get = (Name: string, WithDecryption?: boolean) =>
  client.send(new GetParameterCommand({ Name, WithDecryption })).then((output) => output.Parameter);

describe('GetParameter of a Secrets Manager reference', () => {
  it('answers the current value as a SecureString, version 0, with the secret as SourceResult', async () => {
    const secret = emulator.secretsManager.getSecret('app/db');
    const parameter = await get(`${PREFIX}app/db`, true);
    expect(parameter).toEqual({
      Name: `${PREFIX}app/db`,
      Type: 'SecureString',
      Value: '{"password":"two"}',
      Version: 0,
      SourceResult: expect.any(String),
      LastModifiedDate: new Date(T0),
      ARN: secret?.arn,
    });
    expect(JSON.parse(parameter?.SourceResult ?? '')).toEqual({
      ARN: secret?.arn,
      Name: 'app/db',
      VersionId: second,
      SecretString: '{"password":"two"}',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: T0 / 1000,
    });
  });

  it('selects a version by staging label or version id, and reports the Selector', async () => {
    expect(await get(`${PREFIX}app/db:AWSPREVIOUS`, true)).toMatchObject({
      Name: `${PREFIX}app/db`,
      Value: '{"password":"one"}',
      Selector: ':AWSPREVIOUS',
    });
    expect(await get(`${PREFIX}app/db:${first}`, true)).toMatchObject({
      Value: '{"password":"one"}',
      Selector: `:${first}`,
    });
  });

  it('refuses the reference without WithDecryption: true, before looking the secret up', async () => {
    for (const decryption of [undefined, false]) {
      for (const name of [`${PREFIX}app/db`, `${PREFIX}missing`]) {
        const error = await rejection(get(name, decryption));
        expect(error).toBeInstanceOf(ValidationException);
        expect(error.message).toBe(NEEDS_DECRYPTION);
      }
    }
  });

  it('answers a missing secret or label with ParameterNotFound, never with another secret', async () => {
    const missing = await rejection(get(`${PREFIX}missing`, true));
    expect(missing).toBeInstanceOf(ParameterNotFound);
    expect(missing.message).toBe(
      `An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret ${PREFIX}missing not found.`,
    );
    expect(await rejection(get(`${PREFIX}app/db:NOSUCHSTAGE`, true))).toBeInstanceOf(ParameterNotFound);
  });

  it('refuses a malformed selector with a ValidationException', async () => {
    for (const name of [`${PREFIX}app/db:a:b`, `${PREFIX}app/db:`, `${PREFIX}`]) {
      const error = await rejection(get(name, true));
      expect({ name, error: error.name }).toEqual({ name, error: 'ValidationException' });
    }
  });

  it('counts as an access of the secret', async () => {
    await get(`${PREFIX}app/db`, true);
    expect(emulator.secretsManager.getSecret('app/db')?.lastAccessedDate).toEqual(new Date(Date.UTC(2024, 0, 2)));
  });
});

describe('GetParameters with references', () => {
  it('answers references next to plain parameters, and lists those it cannot answer as invalid', async () => {
    emulator.ssm.putParameter({ name: '/plain', value: 'p' });
    const output = await client.send(
      new GetParametersCommand({
        Names: [`${PREFIX}app/db`, `${PREFIX}app/db:AWSPREVIOUS`, `${PREFIX}missing`, `${PREFIX}app/db:x:y`, '/plain'],
        WithDecryption: true,
      }),
    );
    expect(output.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
      [`${PREFIX}app/db`, '{"password":"two"}'],
      [`${PREFIX}app/db`, '{"password":"one"}'],
      ['/plain', 'p'],
    ]);
    expect(output.InvalidParameters).toEqual([`${PREFIX}missing`, `${PREFIX}app/db:x:y`]);
  });

  it('lists references as invalid without WithDecryption', async () => {
    emulator.ssm.putParameter({ name: '/plain', value: 'p' });
    const output = await client.send(new GetParametersCommand({ Names: [`${PREFIX}app/db`, '/plain'] }));
    expect(output.Parameters?.map((p) => p.Name)).toEqual(['/plain']);
    expect(output.InvalidParameters).toEqual([`${PREFIX}app/db`]);
  });
});
