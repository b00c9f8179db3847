import {
  AddTagsToResourceCommand,
  DescribeParametersCommand,
  type DescribeParametersCommandInput,
  InvalidFilterKey,
  InvalidFilterOption,
  InvalidFilterValue,
  InvalidNextToken,
  paginateDescribeParameters,
  type SSMClient,
  ValidationException,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { startSsm } from './support/ssm.js';

const NOW = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
let emulator: RunningEmulator;
let client: SSMClient;

beforeAll(async () => {
  ({ emulator, client } = await startSsm({
    seed: {
      ssm: {
        parameters: [
          { name: '/app/url', value: 'https://example.com', description: 'public url', allowedPattern: '^https://.*' },
          { name: '/app/db/password', value: 's3cret-value', type: 'SecureString' },
          { name: '/app/db/host', versions: ['old-host', 'new-host'] },
          { name: '/app/key', value: 'k', type: 'SecureString', keyId: 'alias/custom' },
          { name: '/app/big', value: 'b', tier: 'Advanced' },
          { name: '/app/ami', value: 'ami-12345678', dataType: 'aws:ec2:image' },
          { name: '/other/x', value: 'x' },
          { name: 'top', value: 'top-level' },
        ],
      },
    },
  }));
  await client.send(
    new AddTagsToResourceCommand({
      ResourceType: 'Parameter',
      ResourceId: '/app/url',
      Tags: [{ Key: 'team', Value: 'web' }],
    }),
  );
});

afterAll(async () => {
  client.destroy();
  await emulator.stop();
});

async function namesOf(input: DescribeParametersCommandInput): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeParameters({ client }, input)) {
    for (const parameter of page.Parameters ?? []) names.push(parameter.Name ?? '');
  }
  return names;
}

describe('DescribeParameters', () => {
  it('describes a parameter with every member of ParameterMetadata, and never its value', async () => {
    const { Parameters } = await client.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/app/url'] }] }),
    );
    expect(Parameters).toEqual([
      {
        Name: '/app/url',
        ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/url',
        Type: 'String',
        LastModifiedDate: NOW,
        LastModifiedUser: 'arn:aws:iam::123456789012:user/paramkit-emulator',
        Description: 'public url',
        AllowedPattern: '^https://.*',
        Version: 1,
        Tier: 'Standard',
        Policies: [],
        DataType: 'text',
      },
    ]);
    const all = await client.send(new DescribeParametersCommand({ MaxResults: 50 }));
    expect(JSON.stringify(all.Parameters)).not.toContain('s3cret-value');
    const secure = all.Parameters?.find((parameter) => parameter.Name === '/app/db/password');
    expect(secure).toMatchObject({ Type: 'SecureString', KeyId: 'alias/aws/ssm' });
    expect(all.Parameters?.find((parameter) => parameter.Name === '/app/db/host')).toMatchObject({ Version: 2 });
  });

  it('lists every parameter by name, ten to a page unless MaxResults says otherwise', async () => {
    const first = await client.send(new DescribeParametersCommand({}));
    expect(first.Parameters).toHaveLength(8);
    expect(first.NextToken).toBeUndefined();
    const names = await namesOf({ MaxResults: 3 });
    expect(names).toEqual([
      '/app/ami',
      '/app/big',
      '/app/db/host',
      '/app/db/password',
      '/app/key',
      '/app/url',
      '/other/x',
      'top',
    ]);
    const page = await client.send(new DescribeParametersCommand({ MaxResults: 3 }));
    expect(page.Parameters).toHaveLength(3);
    expect(page.NextToken).toEqual(expect.any(String));
  });

  it('narrows by path, one level or recursively, and by name', async () => {
    expect(await namesOf({ ParameterFilters: [{ Key: 'Path', Values: ['/app'] }] })).toEqual([
      '/app/ami',
      '/app/big',
      '/app/key',
      '/app/url',
    ]);
    expect(await namesOf({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/app/db/'] }] })).toEqual([
      '/app/db/host',
      '/app/db/password',
    ]);
    expect(await namesOf({ ParameterFilters: [{ Key: 'Path', Values: ['/'] }] })).toEqual(['top']);
    expect(await namesOf({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/app/d'] }] })).toEqual([
      '/app/db/host',
      '/app/db/password',
    ]);
    expect(await namesOf({ ParameterFilters: [{ Key: 'Name', Values: ['/top'] }] })).toEqual(['top']);
    expect(await namesOf({ ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['o', 'zz'] }] })).toEqual([
      '/app/db/host',
      '/app/db/password',
      '/other/x',
      'top',
    ]);
  });

  it('narrows by type, key, tier, data type and tag, every filter applying', async () => {
    expect(await namesOf({ ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] })).toEqual([
      '/app/db/password',
      '/app/key',
    ]);
    expect(await namesOf({ ParameterFilters: [{ Key: 'KeyId', Option: 'BeginsWith', Values: ['alias/c'] }] })).toEqual([
      '/app/key',
    ]);
    expect(await namesOf({ ParameterFilters: [{ Key: 'Tier', Values: ['Advanced'] }] })).toEqual(['/app/big']);
    expect(await namesOf({ ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }] })).toEqual(['/app/ami']);
    expect(await namesOf({ ParameterFilters: [{ Key: 'tag:team', Values: ['web'] }] })).toEqual(['/app/url']);
    expect(await namesOf({ ParameterFilters: [{ Key: 'tag:team' }] })).toEqual(['/app/url']);
    expect(await namesOf({ ParameterFilters: [{ Key: 'tag:team', Values: ['db'] }] })).toEqual([]);
    expect(
      await namesOf({
        ParameterFilters: [
          { Key: 'Path', Option: 'Recursive', Values: ['/app'] },
          { Key: 'Type', Values: ['String'] },
          { Key: 'Name', Option: 'BeginsWith', Values: ['/app/db'] },
        ],
      }),
    ).toEqual(['/app/db/host']);
    expect(await namesOf({ Filters: [{ Key: 'Name', Values: ['/app/db'] }] })).toEqual([
      '/app/db/host',
      '/app/db/password',
    ]);
    expect(await namesOf({ Shared: true })).toEqual([]);
  });

  it("answers AWS's errors for filters it cannot apply", async () => {
    const cases: [DescribeParametersCommandInput, unknown, RegExp][] = [
      [{ ParameterFilters: [{ Key: 'Label', Values: ['prod'] }] }, InvalidFilterKey, /filter key is not valid: Label/],
      [
        {
          ParameterFilters: [
            { Key: 'Type', Values: ['String'] },
            { Key: 'Type', Values: ['SecureString'] },
          ],
        },
        InvalidFilterKey,
        /duplicated in the request: Type/,
      ],
      [{ ParameterFilters: [{ Key: 'Type' }] }, InvalidFilterValue, /values are missing : null for filter key Type/],
      [
        { ParameterFilters: [{ Key: 'Type', Values: ['Secret'] }] },
        InvalidFilterValue,
        /The filter value Secret is not valid for key Type/,
      ],
      [
        { ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['S'] }] },
        InvalidFilterOption,
        /option is not valid: Contains. Valid options include: \[BeginsWith, Equals\]/,
      ],
      [
        { ParameterFilters: [{ Key: 'Path', Option: 'BeginsWith', Values: ['/app'] }] },
        InvalidFilterOption,
        /Valid options include: \[Recursive, OneLevel\]/,
      ],
      [
        { ParameterFilters: [{ Key: 'Tier', Values: ['Gold'] }] },
        InvalidFilterOption,
        /filter value is not valid: Gold/,
      ],
      [
        { ParameterFilters: [{ Key: 'Path', Values: ['/aws/x'] }] },
        ValidationException,
        /prefixed with "aws" or "ssm"/,
      ],
      [{ ParameterFilters: [{ Key: 'Path', Values: ['app'] }] }, ValidationException, /path app is not valid/],
      [
        { ParameterFilters: [{ Key: 'Colour', Values: ['x'] }] },
        ValidationException,
        /Value 'Colour' at 'parameterFilters.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      ],
      [
        { Filters: [{ Key: 'Path' as never, Values: ['/app'] }] },
        ValidationException,
        /at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: \[Name, Type, KeyId\]/,
      ],
      [
        { Filters: [{ Key: 'Name', Values: ['/a'] }], ParameterFilters: [{ Key: 'Name', Values: ['/a'] }] },
        ValidationException,
        /either Filters or ParameterFilters/,
      ],
      [{ MaxResults: 51 }, ValidationException, /at 'maxResults' failed to satisfy constraint/],
      [{ NextToken: 'not-a-token' }, InvalidNextToken, /token is not valid/],
    ];
    for (const [input, errorClass, message] of cases) {
      const error = await rejection(client.send(new DescribeParametersCommand(input)));
      expect(error, JSON.stringify(input)).toBeInstanceOf(errorClass);
      expect(error.message).toMatch(message);
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });

  it('refuses a token from another listing', async () => {
    const page = await client.send(new DescribeParametersCommand({ MaxResults: 1 }));
    const error = await rejection(
      client.send(
        new DescribeParametersCommand({
          MaxResults: 1,
          NextToken: page.NextToken,
          ParameterFilters: [{ Key: 'Type', Values: ['String'] }],
        }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidNextToken);
  });
});
