import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  InvalidFilterKey,
  InvalidFilterOption,
  InvalidFilterValue,
  InvalidNextToken,
  ParameterNotFound,
  ParameterVersionNotFound,
  paginateGetParameterHistory,
  paginateGetParametersByPath,
  type SSMClient,
  ValidationException,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { startSsm } from './support/ssm.js';

const NOW = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
/** The stand-in for KMS ciphertext that SecureStrings are answered with unless decryption is asked for. */
const CIPHERTEXT = /^AQICAH[A-Za-z0-9+/]+=*$/;
let emulator: RunningEmulator;
let client: SSMClient;

beforeAll(async () => {
  ({ emulator, client } = await startSsm({
    seed: {
      ssm: {
        parameters: [
          { name: '/app/url', value: 'https://example.com' },
          { name: '/app/db/password', value: 's3cret', type: 'SecureString', description: 'db password' },
          { name: '/app/db/host', versions: ['old-host', 'new-host'], labels: ['prod'] },
          { name: '/app/hosts', value: 'a,b,c', type: 'StringList' },
          { name: '/app/key', value: 'k', type: 'SecureString', keyId: 'alias/custom' },
          { name: '/other/x', value: 'x' },
          { name: '/top', value: 'top-level' },
        ],
      },
    },
  }));
  emulator.ssm.labelVersion('/app/db/host', 1, ['blue']);
});

afterAll(async () => {
  client.destroy();
  await emulator.stop();
});

describe('GetParameter', () => {
  it('returns the latest version with every member AWS returns', async () => {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: '/app/url' }));
    expect(Parameter).toEqual({
      Name: '/app/url',
      Type: 'String',
      Value: 'https://example.com',
      Version: 1,
      LastModifiedDate: NOW,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/url',
      DataType: 'text',
    });
  });

  it('selects a version or a label and echoes the selector', async () => {
    const byVersion = await client.send(new GetParameterCommand({ Name: '/app/db/host:1' }));
    expect(byVersion.Parameter).toMatchObject({ Name: '/app/db/host', Value: 'old-host', Version: 1, Selector: ':1' });
    const byLabel = await client.send(new GetParameterCommand({ Name: '/app/db/host:prod' }));
    expect(byLabel.Parameter).toMatchObject({ Value: 'new-host', Version: 2, Selector: ':prod' });
  });

  it('answers ParameterVersionNotFound for a missing version and ParameterNotFound for a missing label', async () => {
    const version = await rejection(client.send(new GetParameterCommand({ Name: '/app/db/host:7' })));
    expect(version).toBeInstanceOf(ParameterVersionNotFound);
    expect(version.message).toContain('version 7');
    const label = await rejection(client.send(new GetParameterCommand({ Name: '/app/db/host:nope' })));
    expect(label).toBeInstanceOf(ParameterNotFound);
    const badSelector = await rejection(client.send(new GetParameterCommand({ Name: '/app/db/host:1:2' })));
    expect(badSelector).toBeInstanceOf(ParameterNotFound);
  });

  it('answers ParameterNotFound with HTTP 400 for an unknown name', async () => {
    const error = await rejection(client.send(new GetParameterCommand({ Name: '/missing' })));
    expect(error).toBeInstanceOf(ParameterNotFound);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('accepts the parameter ARN as name, but not another region’s', async () => {
    const { Parameter } = await client.send(
      new GetParameterCommand({ Name: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db/host:1' }),
    );
    expect(Parameter).toMatchObject({ Name: '/app/db/host', Value: 'old-host', Selector: ':1' });
    const other = await rejection(
      client.send(new GetParameterCommand({ Name: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/url' })),
    );
    expect(other).toBeInstanceOf(ParameterNotFound);
  });

  it('treats a top-level name with and without its leading slash as one parameter', async () => {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: 'top' }));
    expect(Parameter).toMatchObject({ Name: '/top', ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/top' });
  });

  it('returns a SecureString as ciphertext unless decryption is asked for', async () => {
    const encrypted = await client.send(new GetParameterCommand({ Name: '/app/db/password' }));
    const again = await client.send(new GetParameterCommand({ Name: '/app/db/password', WithDecryption: false }));
    const decrypted = await client.send(new GetParameterCommand({ Name: '/app/db/password', WithDecryption: true }));
    expect(encrypted.Parameter?.Type).toBe('SecureString');
    expect(encrypted.Parameter?.Value).not.toContain('s3cret');
    expect(encrypted.Parameter?.Value).toMatch(/^AQICAHh[A-Za-z0-9+/]+=*$/);
    expect(again.Parameter?.Value).toBe(encrypted.Parameter?.Value);
    expect(decrypted.Parameter?.Value).toBe('s3cret');
  });

  it('ignores WithDecryption for String and StringList', async () => {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: '/app/hosts', WithDecryption: true }));
    expect(Parameter).toMatchObject({ Type: 'StringList', Value: 'a,b,c' });
  });
});

describe('GetParameters', () => {
  it('returns the found parameters and lists the others as invalid', async () => {
    const result = await client.send(
      new GetParametersCommand({ Names: ['/app/url', '/missing', '/app/db/host:1', '/app/db/host:9', '/app/url'] }),
    );
    expect(result.Parameters?.map((p) => [p.Name, p.Value, p.Selector])).toEqual([
      ['/app/url', 'https://example.com', undefined],
      ['/app/db/host', 'old-host', ':1'],
    ]);
    expect(result.InvalidParameters).toEqual(['/missing', '/app/db/host:9']);
  });

  it('decrypts SecureStrings only on request', async () => {
    const plain = await client.send(new GetParametersCommand({ Names: ['/app/db/password'], WithDecryption: true }));
    const cipher = await client.send(new GetParametersCommand({ Names: ['/app/db/password'] }));
    expect(plain.Parameters?.[0]?.Value).toBe('s3cret');
    expect(cipher.Parameters?.[0]?.Value).not.toBe('s3cret');
    expect(cipher.Parameters?.[0]?.Value).toMatch(CIPHERTEXT);
  });

  it('rejects more than 10 names and an empty list with ValidationException', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `/p${i}`);
    const tooMany = await rejection(client.send(new GetParametersCommand({ Names: names })));
    expect(tooMany).toBeInstanceOf(ValidationException);
    expect(tooMany.message).toContain('less than or equal to 10');
    const empty = await rejection(client.send(new GetParametersCommand({ Names: [] })));
    expect(empty).toBeInstanceOf(ValidationException);
  });
});

describe('GetParametersByPath', () => {
  const names = async (input: ConstructorParameters<typeof GetParametersByPathCommand>[0]) =>
    (await client.send(new GetParametersByPathCommand(input))).Parameters?.map((p) => p.Name);

  it('returns direct children only, unless recursive', async () => {
    expect(await names({ Path: '/app' })).toEqual(['/app/hosts', '/app/key', '/app/url']);
    expect(await names({ Path: '/app/', Recursive: true })).toEqual([
      '/app/db/host',
      '/app/db/password',
      '/app/hosts',
      '/app/key',
      '/app/url',
    ]);
    expect(await names({ Path: '/ap' })).toEqual([]);
  });

  it('treats / as the root of every hierarchy', async () => {
    expect(await names({ Path: '/' })).toEqual(['/top']);
    expect(await names({ Path: '/', Recursive: true })).toHaveLength(7);
  });

  it('pages through all results with the SDK paginator', async () => {
    const pages: string[][] = [];
    for await (const page of paginateGetParametersByPath(
      { client, pageSize: 2 },
      { Path: '/', Recursive: true, WithDecryption: true },
    )) {
      pages.push(page.Parameters?.map((p) => p.Name ?? '') ?? []);
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual([
      '/app/db/host',
      '/app/db/password',
      '/app/hosts',
      '/app/key',
      '/app/url',
      '/other/x',
      '/top',
    ]);
  });

  it('rejects tokens it did not issue for this query', async () => {
    const first = await client.send(new GetParametersByPathCommand({ Path: '/app', Recursive: true, MaxResults: 1 }));
    expect(first.NextToken).toBeTypeOf('string');
    const otherQuery = await rejection(
      client.send(new GetParametersByPathCommand({ Path: '/other', Recursive: true, NextToken: first.NextToken })),
    );
    expect(otherQuery).toBeInstanceOf(InvalidNextToken);
    const garbage = await rejection(client.send(new GetParametersByPathCommand({ Path: '/app', NextToken: '%%%' })));
    expect(garbage).toBeInstanceOf(InvalidNextToken);
  });

  it('returns SecureStrings encrypted unless decryption is asked for', async () => {
    const byPath = async (WithDecryption: boolean) =>
      (await client.send(new GetParametersByPathCommand({ Path: '/app/db', WithDecryption }))).Parameters?.find(
        (p) => p.Name === '/app/db/password',
      )?.Value;
    expect(await byPath(true)).toBe('s3cret');
    expect(await byPath(false)).not.toBe('s3cret');
    expect(await byPath(false)).toMatch(CIPHERTEXT);
  });

  it('filters by Type, KeyId and Label; a Label filter selects the labelled version', async () => {
    const filtered = (Key: string, Values: string[]) =>
      client.send(
        new GetParametersByPathCommand({ Path: '/app', Recursive: true, ParameterFilters: [{ Key, Values }] }),
      );
    const secure = await filtered('Type', ['SecureString']);
    expect(secure.Parameters?.map((p) => p.Name)).toEqual(['/app/db/password', '/app/key']);
    const custom = await filtered('KeyId', ['alias/custom']);
    expect(custom.Parameters?.map((p) => p.Name)).toEqual(['/app/key']);
    const blue = await filtered('Label', ['blue']);
    expect(blue.Parameters?.map((p) => [p.Name, p.Value, p.Version])).toEqual([['/app/db/host', 'old-host', 1]]);
  });

  it('filters Type and KeyId with BeginsWith, as AWS documents for GetParametersByPath', async () => {
    const beginsWith = async (Key: string, Values: string[]) =>
      (
        await client.send(
          new GetParametersByPathCommand({
            Path: '/app',
            Recursive: true,
            ParameterFilters: [{ Key, Option: 'BeginsWith', Values }],
          }),
        )
      ).Parameters?.map((p) => p.Name);
    expect(await beginsWith('Type', ['String'])).toEqual(['/app/db/host', '/app/hosts', '/app/url']);
    expect(await beginsWith('Type', ['Secure'])).toEqual(['/app/db/password', '/app/key']);
    expect(await beginsWith('KeyId', ['alias/c', 'nothing'])).toEqual(['/app/key']);
    expect(await beginsWith('KeyId', ['alias/'])).toEqual(['/app/db/password', '/app/key']);
  });

  it('answers the filter errors AWS answers', async () => {
    const send = (filter: { Key: string; Option?: string; Values?: string[] }) =>
      rejection(client.send(new GetParametersByPathCommand({ Path: '/app', ParameterFilters: [filter] })));
    expect(await send({ Key: 'Name', Values: ['x'] })).toBeInstanceOf(InvalidFilterKey);
    const labelPrefix = await send({ Key: 'Label', Option: 'BeginsWith', Values: ['pr'] });
    expect(labelPrefix).toBeInstanceOf(InvalidFilterOption);
    expect(labelPrefix.message).toBe(
      'The following filter option is not valid: BeginsWith. Valid options include: [Equals].',
    );
    const contains = await send({ Key: 'Type', Option: 'Contains', Values: ['String'] });
    expect(contains).toBeInstanceOf(InvalidFilterOption);
    expect(contains.message).toContain('Valid options include: [BeginsWith, Equals].');
    expect(await send({ Key: 'Type', Values: ['Number'] })).toBeInstanceOf(InvalidFilterValue);
    expect(await send({ Key: 'Label' })).toBeInstanceOf(InvalidFilterValue);
  });

  it('rejects a relative path and MaxResults above 10 with ValidationException', async () => {
    expect(await rejection(client.send(new GetParametersByPathCommand({ Path: 'app' })))).toBeInstanceOf(
      ValidationException,
    );
    const tooMany = await rejection(client.send(new GetParametersByPathCommand({ Path: '/app', MaxResults: 11 })));
    expect(tooMany).toBeInstanceOf(ValidationException);
    expect(tooMany.message).toContain("'maxResults'");
  });
});

describe('GetParameterHistory', () => {
  it('returns every version, oldest first, with labels and settings', async () => {
    const { Parameters } = await client.send(new GetParameterHistoryCommand({ Name: '/app/db/host' }));
    expect(Parameters).toEqual([
      {
        Name: '/app/db/host',
        Type: 'String',
        LastModifiedDate: NOW,
        LastModifiedUser: 'arn:aws:iam::123456789012:user/paramkit-emulator',
        Value: 'old-host',
        Version: 1,
        Labels: ['blue'],
        Tier: 'Standard',
        Policies: [],
        DataType: 'text',
      },
      expect.objectContaining({ Value: 'new-host', Version: 2, Labels: ['prod'] }),
    ]);
  });

  it('shows KeyId and Description, and encrypts SecureString values unless asked', async () => {
    const history = async (WithDecryption: boolean) =>
      (await client.send(new GetParameterHistoryCommand({ Name: '/app/db/password', WithDecryption }))).Parameters?.[0];
    expect(await history(true)).toMatchObject({ KeyId: 'alias/aws/ssm', Description: 'db password', Value: 's3cret' });
    expect((await history(false))?.Value).not.toBe('s3cret');
    expect((await history(false))?.Value).toMatch(CIPHERTEXT);
  });

  it('pages with the SDK paginator', async () => {
    for (let i = 0; i < 4; i++) emulator.ssm.putParameter({ name: '/paged', value: `v${i}` });
    const versions: number[][] = [];
    for await (const page of paginateGetParameterHistory({ client, pageSize: 3 }, { Name: '/paged' })) {
      versions.push(page.Parameters?.map((p) => p.Version ?? 0) ?? []);
    }
    expect(versions).toEqual([[1, 2, 3], [4]]);
  });

  it('answers ParameterNotFound, and ValidationException for MaxResults above 50', async () => {
    expect(await rejection(client.send(new GetParameterHistoryCommand({ Name: '/missing' })))).toBeInstanceOf(
      ParameterNotFound,
    );
    expect(
      await rejection(client.send(new GetParameterHistoryCommand({ Name: '/app/url', MaxResults: 51 }))),
    ).toBeInstanceOf(ValidationException);
  });
});
