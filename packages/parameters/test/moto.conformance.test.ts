import { CreateTableCommand, DynamoDBClient, PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { LabelParameterVersionCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
// moto's lifecycle lives with the emulator's conformance tests; this file reuses it rather than keeping a copy.
import { describeWithMoto } from '../../emulator/test/support/moto.js';
import { defineConfig, dynamodb, secret, ssm } from '../src/config/index.js';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { clearCaches } from '../src/index.js';
import { getSecret, getSecretsByName, SecretsProvider, setSecret } from '../src/secrets/index.js';
import { getParameter, getParameters, getParametersByName, SSMProvider, setParameter } from '../src/ssm/index.js';

/*
 * The library's main calls against moto, an AWS mock written independently of our emulator, so that paramkit is
 * seen to work on answers it was not written against. Each case asserts what AWS documents; where moto departs
 * from AWS, the case avoids that spot (listed below) rather than expecting moto's answer.
 * - GetParameter(s) answers omit `Selector`: `getParametersByName` matches `/a:1` by version then, but cannot match
 *   a label (`/a:old`), which only the single `get` reads here;
 * - GetParameters does not accept ARNs (AWS does);
 * - RotateSecret without a rotation Lambda and with RotateImmediately (the default) leaves AWSCURRENT unreadable;
 * - names, tiers and value sizes are barely validated (a space in a name, a 5000-character Standard value pass).
 */

const P = '/moto';
const names12 = Array.from({ length: 12 }, (_, i) => `${P}/many/p${i}`);

describeWithMoto('paramkit against moto', (moto) => {
  const clientConfig = () => ({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  const firstVersion: Record<string, string> = {};

  beforeAll(async () => {
    const ssmClient = new SSMClient(clientConfig());
    const put = (Name: string, Value: string, Type: 'String' | 'SecureString' | 'StringList' = 'String') =>
      ssmClient.send(new PutParameterCommand({ Name, Value, Type, Overwrite: true }));
    await put(`${P}/plain`, 'hello');
    await put(`${P}/secure`, 's3cret', 'SecureString');
    await put(`${P}/list`, 'a,b,c', 'StringList');
    await put(`${P}/json`, '{"rps":50}');
    await put(`${P}/bin`, Buffer.from('bytes').toString('base64'));
    await put(`${P}/versioned`, 'v1');
    await put(`${P}/versioned`, 'v2');
    await ssmClient.send(
      new LabelParameterVersionCommand({ Name: `${P}/versioned`, ParameterVersion: 1, Labels: ['old'] }),
    );
    await put(`${P}/tree/a`, 'ta');
    await put(`${P}/tree/deep/b`, 'tb', 'SecureString');
    await put(`${P}/tree/deep/er/c.json`, '{"c":true}');
    await Promise.all(names12.map((name, i) => put(name, `m${i}`, i % 3 === 0 ? 'SecureString' : 'String')));

    const sm = new SecretsManagerClient(clientConfig());
    const created = await sm.send(
      new CreateSecretCommand({ Name: 'moto/db', SecretString: '{"user":"app","pw":"a"}' }),
    );
    firstVersion['moto/db'] = created.VersionId as string;
    await sm.send(new PutSecretValueCommand({ SecretId: 'moto/db', SecretString: '{"user":"app","pw":"b"}' }));
    await sm.send(new CreateSecretCommand({ Name: 'moto/token', SecretString: 'tok' }));
    await sm.send(new CreateSecretCommand({ Name: 'moto/bytes', SecretBinary: new Uint8Array([0xff, 0x00, 0xfe]) }));
    for (let i = 0; i < 21; i++) {
      await sm.send(new CreateSecretCommand({ Name: `moto/batch/s${i}`, SecretString: `s${i}` }));
    }

    const ddb = new DynamoDBClient(clientConfig());
    await ddb.send(
      new CreateTableCommand({
        TableName: 'moto-config',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'name', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'name', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await ddb.send(
      new CreateTableCommand({
        TableName: 'moto-flat',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const items: PutItemCommandInput['Item'][] = [
      { pk: { S: 'app' }, name: { S: 'url' }, val: { S: 'https://x' } },
      { pk: { S: 'app' }, name: { S: 'limits.json' }, val: { S: '{"rps":5}' } },
      { pk: { S: 'app' }, name: { S: 'key.binary' }, val: { S: Buffer.from('k').toString('base64') } },
      { pk: { S: 'other' }, name: { S: 'url' }, val: { S: 'elsewhere' } },
    ];
    for (const Item of items) await ddb.send(new PutItemCommand({ TableName: 'moto-config', Item }));
    await ddb.send(
      new PutItemCommand({ TableName: 'moto-flat', Item: { id: { S: 'flag' }, value: { M: { on: { BOOL: true } } } } }),
    );
  }, 30_000);

  afterEach(() => {
    vi.unstubAllEnvs();
    clearCaches();
  });

  /** The helpers build their own clients, from the environment as in Lambda. */
  function pointEnvironmentAtMoto(): void {
    vi.stubEnv('AWS_ENDPOINT_URL', moto.endpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'x');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'x');
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
  }

  it('SSM get: String, StringList, SecureString with and without decryption, json and binary transforms', async () => {
    const provider = new SSMProvider({ clientConfig: clientConfig() });
    expect(await provider.get(`${P}/plain`)).toBe('hello');
    expect(await provider.get(`${P}/list`)).toBe('a,b,c');
    expect(await provider.get(`${P}/secure`, { decrypt: true })).toBe('s3cret');
    // Without decryption a SecureString comes back as its ciphertext, never the plaintext (and not from the cache).
    expect(await provider.get(`${P}/secure`)).not.toBe('s3cret');
    expect(await provider.get(`${P}/json`, { transform: 'json' })).toEqual({ rps: 50 });
    expect(await provider.get(`${P}/bin`, { transform: 'binary' })).toBe('bytes');
  });

  it('SSM get: version and label selectors, missing names, throwOnMissing', async () => {
    const provider = new SSMProvider({ clientConfig: clientConfig() });
    expect(await provider.get(`${P}/versioned`)).toBe('v2');
    expect(await provider.get(`${P}/versioned:1`)).toBe('v1');
    expect(await provider.get(`${P}/versioned:old`)).toBe('v1');
    await expect(provider.get(`${P}/nope`)).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ParameterNotFound' },
    });
    await expect(provider.get(`${P}/versioned:9`)).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ParameterVersionNotFound' },
    });
    await expect(provider.get(`${P}/nope`, { throwOnMissing: true })).rejects.toMatchObject({
      name: 'ParameterNotFoundError',
    });
  });

  it('SSM maxAge and forceFetch: a cached value is served until forced', async () => {
    const provider = new SSMProvider({ clientConfig: clientConfig() });
    await provider.set(`${P}/cached`, { value: 'one' });
    expect(await provider.get(`${P}/cached`, { maxAge: 60 })).toBe('one');
    await new SSMClient(clientConfig()).send(
      new PutParameterCommand({ Name: `${P}/cached`, Value: 'two', Type: 'String', Overwrite: true }),
    );
    expect(await provider.get(`${P}/cached`, { maxAge: 60 })).toBe('one');
    expect(await provider.get(`${P}/cached`, { forceFetch: true })).toBe('two');
    expect(await provider.get(`${P}/cached`, { maxAge: 0 })).toBe('two');
  });

  it('SSM getMultiple: one level or recursive, decrypted, every page, auto transform', async () => {
    const provider = new SSMProvider({ clientConfig: clientConfig() });
    expect(await provider.getMultiple(`${P}/tree`)).toEqual({ a: 'ta' });
    expect(await provider.getMultiple(`${P}/tree`, { recursive: true, decrypt: true, transform: 'auto' })).toEqual({
      a: 'ta',
      'deep/b': 'tb',
      'deep/er/c.json': { c: true },
    });
    // More parameters than one GetParametersByPath page (10) holds.
    const many = await provider.getMultiple(`${P}/many/`, { decrypt: true });
    expect(Object.keys(many ?? {})).toHaveLength(12);
    expect(many).toMatchObject({ p0: 'm0', p3: 'm3', p11: 'm11' });
    expect(await provider.getMultiple(`${P}/nothing-here`)).toEqual({});
  });

  it('SSM getParametersByName: more than ten names, decrypted and plain mixed, per-name transforms', async () => {
    const provider = new SSMProvider({ clientConfig: clientConfig() });
    const wanted = Object.fromEntries(names12.map((name, i) => [name, { decrypt: i % 3 === 0 }]));
    const result = await provider.getParametersByName({
      ...wanted,
      [`${P}/json`]: { transform: 'json' },
      [`${P}/versioned:1`]: {},
      [`${P}/versioned`]: {},
    });
    expect(result).toEqual({
      ...Object.fromEntries(names12.map((name, i) => [name, `m${i}`])),
      [`${P}/json`]: { rps: 50 },
      [`${P}/versioned:1`]: 'v1',
      [`${P}/versioned`]: 'v2',
    });
    // Filled the cache that get reads.
    expect(await provider.get(names12[0] as string, { decrypt: true })).toBe('m0');
  });

  it('SSM getParametersByName: missing names fail the call, or are listed in _errors with throwOnError false', async () => {
    const provider = new SSMProvider({ clientConfig: clientConfig() });
    await expect(provider.getParametersByName({ [`${P}/plain`]: {}, [`${P}/gone`]: {} })).rejects.toMatchObject({
      name: 'GetParameterError',
      message: expect.stringContaining(`${P}/gone`),
    });
    const graceful = await provider.getParametersByName(
      { [`${P}/plain`]: {}, [`${P}/gone`]: {}, [`${P}/secure`]: { decrypt: true }, [`${P}/gone2`]: { decrypt: true } },
      { throwOnError: false },
    );
    expect(graceful).toEqual({
      [`${P}/plain`]: 'hello',
      [`${P}/secure`]: 's3cret',
      _errors: [`${P}/gone`, `${P}/gone2`],
    });
  });

  it('SSM set: new, refused without overwrite, overwritten, SecureString and Advanced tier', async () => {
    const provider = new SSMProvider({ clientConfig: clientConfig() });
    expect(await provider.set(`${P}/written`, { value: 'w1' })).toBe(1);
    await expect(provider.set(`${P}/written`, { value: 'w2' })).rejects.toMatchObject({
      name: 'SetParameterError',
      cause: { name: 'ParameterAlreadyExists' },
    });
    expect(await provider.set(`${P}/written`, { value: 'w2', overwrite: true })).toBe(2);
    expect(await provider.get(`${P}/written`)).toBe('w2');
    await provider.set(`${P}/written-secure`, { value: 'hidden', parameterType: 'SecureString', tier: 'Advanced' });
    expect(await new SSMProvider({ clientConfig: clientConfig() }).get(`${P}/written-secure`, { decrypt: true })).toBe(
      'hidden',
    );
  });

  it('SSM helpers read and write through the environment', async () => {
    pointEnvironmentAtMoto();
    expect(await getParameter(`${P}/secure`, { decrypt: true })).toBe('s3cret');
    expect(await getParameters(`${P}/tree`, { recursive: true, decrypt: true })).toMatchObject({ 'deep/b': 'tb' });
    expect(await getParametersByName({ [`${P}/plain`]: {}, [`${P}/list`]: {} })).toEqual({
      [`${P}/plain`]: 'hello',
      [`${P}/list`]: 'a,b,c',
    });
    expect(await setParameter(`${P}/helper-set`, { value: 'h' })).toBe(1);
    expect(await getParameter(`${P}/helper-set`, { forceFetch: true })).toBe('h');
  });

  it('Secrets get: text, json, binary, VersionStage and VersionId, missing secret', async () => {
    const provider = new SecretsProvider({ clientConfig: clientConfig() });
    expect(await provider.get('moto/token')).toBe('tok');
    expect(await provider.get('moto/db', { transform: 'json' })).toEqual({ user: 'app', pw: 'b' });
    expect(await provider.get('moto/bytes')).toEqual(new Uint8Array([0xff, 0x00, 0xfe]));
    expect(await provider.get('moto/db', { transform: 'json', sdkOptions: { VersionStage: 'AWSPREVIOUS' } })).toEqual({
      user: 'app',
      pw: 'a',
    });
    expect(await provider.get('moto/db', { sdkOptions: { VersionId: firstVersion['moto/db'] as string } })).toBe(
      '{"user":"app","pw":"a"}',
    );
    await expect(provider.get('moto/none')).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ResourceNotFoundException' },
    });
    await expect(provider.get('moto/none', { throwOnMissing: true })).rejects.toMatchObject({
      name: 'ParameterNotFoundError',
    });
  });

  it('Secrets getSecretsByName: BatchGetSecretValue over more than twenty ids, failures in _errors', async () => {
    const provider = new SecretsProvider({ clientConfig: clientConfig() });
    const ids = Array.from({ length: 21 }, (_, i) => `moto/batch/s${i}`);
    const all = await provider.getSecretsByName(Object.fromEntries(ids.map((id) => [id, {}])));
    expect(all).toEqual(Object.fromEntries(ids.map((id, i) => [id, `s${i}`])));
    const graceful = await provider.getSecretsByName(
      { 'moto/db': { transform: 'json' }, 'moto/none': {}, 'moto/bytes': {} },
      { throwOnError: false },
    );
    expect(graceful).toEqual({
      'moto/db': { user: 'app', pw: 'b' },
      'moto/bytes': new Uint8Array([0xff, 0x00, 0xfe]),
      _errors: ['moto/none'],
    });
    await expect(provider.getSecretsByName({ 'moto/token': {}, 'moto/none': {} })).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ResourceNotFoundException' },
    });
  });

  it('Secrets set: updates AWSCURRENT (the old value becomes AWSPREVIOUS), creates when asked', async () => {
    const provider = new SecretsProvider({ clientConfig: clientConfig() });
    await expect(provider.set('moto/new', { value: 'n1' })).rejects.toMatchObject({
      name: 'SetParameterError',
      cause: { name: 'ResourceNotFoundException' },
    });
    expect(typeof (await provider.set('moto/new', { value: 'n1', createIfMissing: true }))).toBe('string');
    await provider.set('moto/new', { value: 'n2' });
    const fresh = new SecretsProvider({ clientConfig: clientConfig() });
    expect(await fresh.get('moto/new')).toBe('n2');
    expect(await fresh.get('moto/new', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } })).toBe('n1');
    pointEnvironmentAtMoto();
    await setSecret('moto/new-helper', new Uint8Array([1, 2]), { createIfMissing: true });
    expect(await getSecret('moto/new-helper')).toEqual(new Uint8Array([1, 2]));
    expect(await getSecretsByName({ 'moto/new': {}, 'moto/token': {} })).toEqual({
      'moto/new': 'n2',
      'moto/token': 'tok',
    });
  });

  it('Secrets rotationAware: a cached secret lives no longer than its NextRotationDate', async () => {
    const sm = new SecretsManagerClient(clientConfig());
    await sm.send(new CreateSecretCommand({ Name: 'moto/rotated', SecretString: 'before' }));
    // A schedule without an immediate rotation: moto's rotation without a Lambda would break AWSCURRENT.
    const rotation = await sm.send(
      new RotateSecretCommand({
        SecretId: 'moto/rotated',
        RotationRules: { AutomaticallyAfterDays: 1 },
        RotateImmediately: false,
      }),
    );
    expect(rotation.ARN).toBeDefined();
    let now = Date.now();
    const provider = new SecretsProvider({ clientConfig: clientConfig(), rotationAware: true, now: () => now });
    const plain = new SecretsProvider({ clientConfig: clientConfig(), now: () => now });
    expect(await provider.get('moto/rotated', { maxAge: 7 * 86_400 })).toBe('before');
    expect(await plain.get('moto/rotated', { maxAge: 7 * 86_400 })).toBe('before');
    await sm.send(new PutSecretValueCommand({ SecretId: 'moto/rotated', SecretString: 'after' }));
    now += 3_600_000;
    expect(await provider.get('moto/rotated', { maxAge: 7 * 86_400 })).toBe('before');
    now += 2 * 86_400_000;
    expect(await provider.get('moto/rotated', { maxAge: 7 * 86_400 })).toBe('after');
    expect(await plain.get('moto/rotated', { maxAge: 7 * 86_400 })).toBe('before');
  });

  it('DynamoDB get and getMultiple with custom key, sort and value attributes; a missing table fails', async () => {
    const table = new DynamoDBProvider({
      tableName: 'moto-config',
      keyAttr: 'pk',
      sortAttr: 'name',
      valueAttr: 'val',
      clientConfig: clientConfig(),
    });
    expect(await table.getMultiple('app', { transform: 'auto' })).toEqual({
      url: 'https://x',
      'limits.json': { rps: 5 },
      'key.binary': 'k',
    });
    expect(await table.getMultiple('nobody')).toEqual({});
    const flat = new DynamoDBProvider({ tableName: 'moto-flat', clientConfig: clientConfig() });
    expect(await flat.get('flag')).toEqual({ on: true });
    expect(await flat.get('absent')).toBeUndefined();
    await expect(flat.get('absent', { throwOnMissing: true })).rejects.toMatchObject({
      name: 'ParameterNotFoundError',
    });
    const missing = new DynamoDBProvider({ tableName: 'moto-no-table', clientConfig: clientConfig() });
    await expect(missing.get('x', { throwOnMissing: true })).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ResourceNotFoundException' },
    });
  });

  it('defineConfig loads SSM parameters, secrets and DynamoDB items, and reports what is missing', async () => {
    pointEnvironmentAtMoto();
    const config = defineConfig({
      plain: ssm(`${P}/plain`),
      secure: ssm(`${P}/secure`),
      limits: ssm(`${P}/json`, { transform: 'json' }),
      first: ssm(`${P}/versioned:1`),
      db: secret('moto/db', { transform: 'json' }),
      previous: secret('moto/db', { transform: 'json', versionStage: 'AWSPREVIOUS' }),
      token: secret('moto/token'),
      flag: dynamodb({ tableName: 'moto-flat', name: 'flag' }),
      optional: ssm(`${P}/absent`).optional(),
    });
    expect(await config.get()).toEqual({
      plain: 'hello',
      secure: 's3cret',
      limits: { rps: 50 },
      first: 'v1',
      db: { user: 'app', pw: 'b' },
      previous: { user: 'app', pw: 'a' },
      token: 'tok',
      flag: { on: true },
      optional: undefined,
    });
    const broken = defineConfig(
      { plain: ssm(`${P}/plain`), gone: ssm(`${P}/absent`), goneSecret: secret('moto/absent') },
      { throwOnError: false },
    );
    const { values, failures } = await broken.get();
    expect(values).toEqual({ plain: 'hello' });
    expect(failures.map((failure) => [failure.key, failure.reason])).toEqual([
      ['gone', 'not-found'],
      ['goneSecret', 'not-found'],
    ]);
  });
});
