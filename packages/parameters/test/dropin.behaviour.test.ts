import { AppConfigProvider as PtAppConfigProvider } from '@aws-lambda-powertools/parameters/appconfig';
import { DynamoDBProvider as PtDynamoDBProvider } from '@aws-lambda-powertools/parameters/dynamodb';
import { SecretsProvider as PtSecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider as PtSSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { AppConfigProvider } from '../src/appconfig/index.js';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import { useTestEmulator } from './helpers/emulator.js';

// The same calls through Powertools 2.35 and through paramkit, against one emulator: where Powertools is right,
// paramkit must answer the same (values, and error classes and messages), so that migrating changes nothing.
const ctx = useTestEmulator({
  ssm: {
    parameters: [
      { name: '/d/url', value: 'https://example.com' },
      { name: '/d/config.json', value: '{"a":[1,2]}' },
      { name: '/d/key.binary', value: Buffer.from('héllo').toString('base64') },
      { name: '/d/secret', value: '{"p":1}', type: 'SecureString' },
      { name: '/d/nested/deep', value: 'deep' },
      { name: '/d/bad.json', value: 'not json' },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'd/text', value: 'plain' },
      { name: 'd/json', value: { user: 'u' } },
      { name: 'd/bytes', binary: Buffer.from([0x01, 0x02, 0x03]).toString('base64') },
    ],
  },
  appconfig: {
    applications: [
      {
        name: 'shop',
        environments: [
          {
            name: 'prod',
            profiles: [
              { name: 'flags', content: { beta: true } },
              { name: 'motd', content: 'hello' },
            ],
          },
        ],
      },
    ],
  },
  dynamodb: {
    tables: [
      {
        name: 'dropin',
        partitionKey: 'id',
        sortKey: 'sk',
        items: [
          { id: 'app', sk: 'a', value: 'A' },
          { id: 'app', sk: 'b.json', value: '{"b":true}' },
        ],
      },
      { name: 'dropin-simple', partitionKey: 'id', items: [{ id: 'k', value: 'V' }] },
    ],
  },
});

/** The settled outcome of a call, comparable across libraries: the value, or the error's class and message. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await call() };
  } catch (error) {
    const e = error as Error;
    return { error: e.name, message: e.message, cause: (e.cause as Error | undefined)?.name };
  }
}

/**
 * Both libraries give `expected`: agreeing with each other is not enough, since two libraries reading a broken
 * answer (an emulator answering `{}`, say) the same way would agree too.
 */
async function same(ours: () => Promise<unknown>, theirs: () => Promise<unknown>, expected: unknown): Promise<void> {
  expect(await outcome(ours)).toEqual(expected);
  expect(await outcome(theirs)).toEqual(expected);
}

const failure = (error: string, message: string, cause?: string) => ({ error, message, cause });
/** SSM's encrypted form of a SecureString read without decryption (the emulator's, shaped like KMS's). */
const encrypted = expect.stringMatching(/^AQICAH[A-Za-z0-9+/=]+$/);

describe('drop-in: SSM', () => {
  const providers = () => ({
    ours: new SSMProvider({ awsSdkV3Client: new SSMClient(ctx.clientConfig) }),
    theirs: new PtSSMProvider({ awsSdkV3Client: new SSMClient(ctx.clientConfig) }),
  });

  it('get with every transform, decryption and throwOnMissing', async () => {
    const { ours, theirs } = providers();
    await same(
      () => ours.get('/d/url'),
      () => theirs.get('/d/url'),
      { value: 'https://example.com' },
    );
    await same(
      () => ours.get('/d/config.json', { transform: 'json' }),
      () => theirs.get('/d/config.json', { transform: 'json' }),
      { value: { a: [1, 2] } },
    );
    await same(
      () => ours.get('/d/key.binary', { transform: 'binary' }),
      () => theirs.get('/d/key.binary', { transform: 'binary' }),
      { value: 'héllo' },
    );
    await same(
      () => ours.get('/d/secret', { decrypt: true, transform: 'json' }),
      () => theirs.get('/d/secret', { decrypt: true, transform: 'json' }),
      { value: { p: 1 } },
    );
    await same(
      () => ours.get('/d/missing', { throwOnMissing: true }),
      () => theirs.get('/d/missing', { throwOnMissing: true }),
      failure('ParameterNotFoundError', 'Parameter /d/missing not found in the store'),
    );
    await same(
      () => ours.get('/d/missing'),
      () => theirs.get('/d/missing'),
      failure('GetParameterError', 'Parameter /d/missing not found.', 'ParameterNotFound'),
    );
  });

  it('getMultiple by path, recursive, with auto and failed transforms', async () => {
    const { ours, theirs } = providers();
    await same(
      () => ours.getMultiple('/d'),
      () => theirs.getMultiple('/d'),
      {
        value: {
          'bad.json': 'not json',
          'config.json': '{"a":[1,2]}',
          'key.binary': 'aMOpbGxv',
          secret: encrypted,
          url: 'https://example.com',
        },
      },
    );
    await same(
      () => ours.getMultiple('/d', { recursive: true, transform: 'auto' }),
      () => theirs.getMultiple('/d', { recursive: true, transform: 'auto' }),
      {
        value: {
          'bad.json': undefined,
          'config.json': { a: [1, 2] },
          'key.binary': 'héllo',
          'nested/deep': 'deep',
          secret: encrypted,
          url: 'https://example.com',
        },
      },
    );
    await same(
      () => ours.getMultiple('/d/nested/'),
      () => theirs.getMultiple('/d/nested/'),
      { value: { deep: 'deep' } },
    );
  });

  it('getParametersByName with graceful errors, and set', async () => {
    const { ours, theirs } = providers();
    const request = { '/d/url': {}, '/d/config.json': { transform: 'json' as const }, '/d/missing': {} };
    await same(
      () => ours.getParametersByName(request, { throwOnError: false }),
      () => theirs.getParametersByName(request, { throwOnError: false }),
      { value: { '/d/url': 'https://example.com', '/d/config.json': { a: [1, 2] }, _errors: ['/d/missing'] } },
    );
    await same(
      () => ours.getParametersByName({ '/d/missing': {} }),
      () => theirs.getParametersByName({ '/d/missing': {} }),
      failure('GetParameterError', 'Failed to fetch parameters: /d/missing'),
    );
    await same(
      () => ours.getParametersByName({ _errors: {} }, { throwOnError: false }),
      () => theirs.getParametersByName({ _errors: {} }, { throwOnError: false }),
      failure('GetParameterError', 'You cannot fetch a parameter named _errors in graceful error mode.'),
    );
    await same(
      () => ours.set('/d/new-ours', { value: 'v' }),
      () => theirs.set('/d/new-theirs', { value: 'v' }),
      { value: 1 },
    );
    expect((await outcome(() => ours.set('/d/url', { value: 'x' }))) as object).toMatchObject({
      error: 'SetParameterError',
      cause: 'ParameterAlreadyExists',
    });
    expect((await outcome(() => theirs.set('/d/url', { value: 'x' }))) as object).toMatchObject({
      error: 'SetParameterError',
      cause: 'ParameterAlreadyExists',
    });
  });
});

describe('drop-in: Secrets Manager', () => {
  const providers = () => ({
    ours: new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient(ctx.clientConfig) }),
    theirs: new PtSecretsProvider({ awsSdkV3Client: new SecretsManagerClient(ctx.clientConfig) }),
  });

  it('get as text, JSON and bytes, missing with throwOnMissing, and getMultiple', async () => {
    const { ours, theirs } = providers();
    await same(
      () => ours.get('d/text'),
      () => theirs.get('d/text'),
      { value: 'plain' },
    );
    await same(
      () => ours.get('d/json', { transform: 'json' }),
      () => theirs.get('d/json', { transform: 'json' }),
      { value: { user: 'u' } },
    );
    await same(
      async () => Array.from((await ours.get('d/bytes')) as Uint8Array),
      async () => Array.from((await theirs.get('d/bytes')) as Uint8Array),
      { value: [1, 2, 3] },
    );
    await same(
      () => ours.get('d/missing', { throwOnMissing: true }),
      () => theirs.get('d/missing', { throwOnMissing: true }),
      failure('ParameterNotFoundError', 'Parameter d/missing not found in the store'),
    );
    await same(
      () => ours.get('d/missing'),
      () => theirs.get('d/missing'),
      failure('GetParameterError', "Secrets Manager can't find the specified secret.", 'ResourceNotFoundException'),
    );
    await same(
      () => ours.getMultiple('d/'),
      () => theirs.getMultiple('d/'),
      failure('GetParameterError', 'Method not implemented.', 'Error'),
    );
  });
});

describe('drop-in: DynamoDB', () => {
  it('get and getMultiple with auto transforms', async () => {
    const client = () => new DynamoDBClient(ctx.clientConfig);
    const ours = new DynamoDBProvider({ tableName: 'dropin', awsSdkV3Client: client() });
    const theirs = new PtDynamoDBProvider({ tableName: 'dropin', awsSdkV3Client: client() });
    await same(
      () => ours.getMultiple('app', { transform: 'auto' }),
      () => theirs.getMultiple('app', { transform: 'auto' }),
      { value: { a: 'A', 'b.json': { b: true } } },
    );
    const simpleOurs = new DynamoDBProvider({ tableName: 'dropin-simple', awsSdkV3Client: client() });
    const simpleTheirs = new PtDynamoDBProvider({ tableName: 'dropin-simple', awsSdkV3Client: client() });
    await same(
      () => simpleOurs.get('k'),
      () => simpleTheirs.get('k'),
      { value: 'V' },
    );
    await same(
      () => simpleOurs.get('missing'),
      () => simpleTheirs.get('missing'),
      { value: undefined },
    );
  });
});

describe('drop-in: AppConfig', () => {
  it('first reads of a profile: bytes, json, and an unknown profile', async () => {
    const where = { application: 'shop', environment: 'prod' };
    const client = () => new AppConfigDataClient(ctx.clientConfig);
    const ours = new AppConfigProvider({ ...where, awsSdkV3Client: client() });
    const theirs = new PtAppConfigProvider({ ...where, awsSdkV3Client: client() });
    await same(
      async () => Array.from((await ours.get('motd')) as Uint8Array),
      async () => Array.from((await theirs.get('motd')) as Uint8Array),
      { value: [...Buffer.from('hello')] },
    );
    await same(
      () => ours.get('flags', { transform: 'json' }),
      () => theirs.get('flags', { transform: 'json' }),
      { value: { beta: true } },
    );
    await same(
      () => ours.get('unknown'),
      () => theirs.get('unknown'),
      failure('GetParameterError', 'Configuration profile unknown not found.', 'ResourceNotFoundException'),
    );
  });
});
