import {
  CreateSecretCommand,
  type CreateSecretCommandInput,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { useSecretsManager } from './support/secretsManager.js';

const SECRET = 's3cr3t-VALUE-do-not-leak';

const h = useSecretsManager();

async function createFails(input: Partial<CreateSecretCommandInput>) {
  return rejection(h.client.send(new CreateSecretCommand(input as CreateSecretCommandInput)));
}

describe('validation through the SDK', () => {
  it('names a missing required member', async () => {
    const error = await createFails({ SecretString: SECRET });
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });

  it('rejects names with characters outside /_+=.@- and names over 512 characters', async () => {
    for (const Name of ['has space', 'semi;colon', 'ünïcode', 'bang!']) {
      const error = await createFails({ Name, SecretString: 'v' });
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain('Invalid name');
    }
    const long = await createFails({ Name: 'n'.repeat(513), SecretString: 'v' });
    expect(long.name).toBe('ValidationException');
    expect(long.message).toContain(
      "at 'name' failed to satisfy constraint: Member must have length less than or equal to 512",
    );
    await h.client.send(new CreateSecretCommand({ Name: `a/B_c+d=e.f@g-${'n'.repeat(497)}`, SecretString: 'v' }));
  });

  it('enforces the 65,536 byte value limit in bytes, without echoing the value', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'max', SecretString: 'x'.repeat(65_536) }));
    const tooLong = await createFails({ Name: 'big', SecretString: `${SECRET}${'x'.repeat(65_536)}` });
    expect(tooLong.name).toBe('ValidationException');
    expect(tooLong.message).toBe(
      "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536",
    );
    // 30,000 three-byte characters are 90,000 bytes.
    const multiByte = await createFails({ Name: 'euro', SecretString: '€'.repeat(30_000) });
    expect(multiByte.name).toBe('ValidationException');
    const binary = await createFails({ Name: 'bin', SecretBinary: new Uint8Array(65_537) });
    expect(binary.message).toContain("at 'secretBinary'");
    const empty = await createFails({ Name: 'empty', SecretString: '' });
    expect(empty.message).toContain('greater than or equal to 1');
  });

  it('rejects both SecretString and SecretBinary', async () => {
    const error = await createFails({ Name: 'both', SecretString: SECRET, SecretBinary: new Uint8Array([1]) });
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).not.toContain(SECRET);
  });

  it('checks the length of ClientRequestToken and VersionId', async () => {
    const shortToken = await createFails({ Name: 't', SecretString: 'v', ClientRequestToken: 'short' });
    expect(shortToken.name).toBe('ValidationException');
    expect(shortToken.message).toContain("at 'clientRequestToken'");
    await h.client.send(new CreateSecretCommand({ Name: 'v', SecretString: 'v' }));
    const shortId = await rejection(h.client.send(new GetSecretValueCommand({ SecretId: 'v', VersionId: 'v1' })));
    expect(shortId.name).toBe('ValidationException');
    expect(shortId.message).toContain("at 'versionId'");
  });

  it('never puts a secret value into an error message', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'leak', SecretString: SECRET }));
    const errors = [
      await createFails({ Name: 'leak', SecretString: SECRET }),
      await createFails({ Name: 'bad name', SecretString: SECRET }),
      await rejection(h.client.send(new PutSecretValueCommand({ SecretId: 'nope', SecretString: SECRET }))),
      await rejection(
        h.client.send(new PutSecretValueCommand({ SecretId: 'leak', SecretString: SECRET, VersionStages: [] })),
      ),
    ];
    for (const error of errors) expect(error.message).not.toContain(SECRET);
  });
});

describe('malformed requests', () => {
  it('answers a body that is not JSON, or not an object, with SerializationException', async () => {
    for (const body of ['{not json', '[1,2]']) {
      const { status, json } = await h.raw('GetSecretValue', body);
      expect(status).toBe(400);
      expect(json.__type).toBe('SerializationException');
    }
  });

  it('answers members of the wrong type with SerializationException, as AWS does', async () => {
    const { json } = await h.raw('CreateSecret', JSON.stringify({ Name: 42, SecretString: 'v' }));
    expect(json).toMatchObject({
      __type: 'SerializationException',
      message: 'NUMBER_VALUE cannot be converted to String',
    });
    const value = await h.raw('CreateSecret', JSON.stringify({ Name: 'n', SecretString: { password: SECRET } }));
    expect(value.json).toEqual({
      __type: 'SerializationException',
      message: 'Start of structure or map found where not expected.',
    });
    const stages = await h.raw(
      'PutSecretValue',
      JSON.stringify({ SecretId: 'x', SecretString: 'v', VersionStages: 'AWSCURRENT' }),
    );
    expect(stages.json.__type).toBe('SerializationException');
  });

  it('rejects SecretBinary that is not base64, without echoing it', async () => {
    const { json } = await h.raw('CreateSecret', JSON.stringify({ Name: 'b', SecretBinary: `${SECRET}!!` }));
    expect(json.__type).toBe('SerializationException');
    expect(JSON.stringify(json)).not.toContain(SECRET);
  });

  it('answers an empty body with a ValidationException for the first required member', async () => {
    const { json } = await h.raw('GetSecretValue', '');
    expect(json).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining("'secretId'") });
  });

  it('answers an operation it does not implement with UnknownOperationException', async () => {
    const { status, json } = await h.raw('ReplicateSecretToRegions', '{}');
    expect(status).toBe(400);
    expect(json.__type).toBe('UnknownOperationException');
  });
});

describe('injected faults', () => {
  it('surfaces 5xx faults as InternalServiceError and throttling as ThrottlingException', async () => {
    h.core.faults.add({ service: 'secretsmanager', serverErrorRate: 1, times: 1 });
    const server = await rejection(h.client.send(new GetSecretValueCommand({ SecretId: 'x' })));
    expect(server.name).toBe('InternalServiceError');
    expect(server.$metadata?.httpStatusCode).toBe(500);
    h.core.faults.add({ service: 'secretsmanager', operation: 'GetSecretValue', throttleRate: 1, times: 1 });
    const throttled = await rejection(h.client.send(new GetSecretValueCommand({ SecretId: 'x' })));
    expect(throttled.name).toBe('ThrottlingException');
    expect(h.core.requests.count('GetSecretValue')).toBe(2);
  });
});
