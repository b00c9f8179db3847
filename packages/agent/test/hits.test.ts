import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { secretVariant } from '@paramkit/parameters/engine';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import type { AgentResponse } from '../src/http/types.js';
import { TOKEN } from './helpers/agent.js';
import { sendRaw } from './helpers/rawRequest.js';
import { useSharedEmulator } from './helpers/sharedEmulator.js';

// A pass-through spy: the agent's hit path must not work a secret's cache variant out again.
vi.mock(import('@paramkit/parameters/engine'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, secretVariant: vi.fn(original.secretVariant) };
});

const shared = useSharedEmulator();
const sdk = () => ({
  endpoint: shared.emulator.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const request = (url: string) => ({ method: 'GET', url, headers: { [TOKEN_HEADER]: TOKEN } });
/** A timestamp as the AWS extension writes it, worked out here on its own: no trailing zeros in the fraction. */
const time = (date: Date | undefined) => {
  if (date === undefined) return null;
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso.replace(/0+Z$/, 'Z');
};

beforeEach(() => vi.mocked(secretVariant).mockClear());

describe('a hit answers with the answer made on the miss, byte for byte', () => {
  it.each([
    ['versionStage', 'versionStage=AWSPREVIOUS', { VersionStage: 'AWSPREVIOUS' }],
    ['versionId and versionStage', 'versionStage=AWSPREVIOUS&versionId=ID', { VersionStage: 'AWSPREVIOUS' }],
    ['/v1/ with versionStage', 'versionStage=AWSPREVIOUS', { VersionStage: 'AWSPREVIOUS' }],
  ])('versioned secret reads (%s): the variant is worked out once, not per hit', async (name, query, selector) => {
    const t = await shared.startAgent();
    const client = new SecretsManagerClient(sdk());
    const output = await client.send(new GetSecretValueCommand({ SecretId: 'app/rotated', ...selector }));
    client.destroy();
    const expected = JSON.stringify({
      ARN: output.ARN,
      CreatedDate: time(output.CreatedDate),
      Name: 'app/rotated',
      SecretBinary: null,
      SecretString: 'sv-old-1a2b',
      VersionId: output.VersionId,
      VersionStages: ['AWSPREVIOUS'],
      ResultMetadata: {},
    });
    const keys = query.replace('ID', String(output.VersionId));
    const url = name.startsWith('/v1/')
      ? `/v1/app%2Frotated?${keys}`
      : `/secretsmanager/get?secretId=app/rotated&${keys}`;

    const miss = t.agent.handler(request(url));
    expect(miss).toBeInstanceOf(Promise);
    const first = await miss;
    expect(first.body).toBe(expected);
    vi.mocked(secretVariant).mockClear();
    const hits = Array.from({ length: 5 }, () => t.agent.handler(request(url)) as AgentResponse);
    expect(vi.mocked(secretVariant)).not.toHaveBeenCalled();
    for (const hit of hits) expect(hit).toBe(first);
    expect(t.agent.secrets.stats().hits).toBe(5);

    const raw = await sendRaw(
      t.agent.port,
      `GET ${url} HTTP/1.1\r\nHost: x\r\n${TOKEN_HEADER}: ${TOKEN}\r\nConnection: close\r\n\r\n`,
      3000,
    );
    expect(raw.text.slice(raw.text.indexOf('\r\n\r\n') + 4)).toBe(expected);
    expect(raw.text).toContain(`\r\ncontent-length: ${Buffer.byteLength(expected)}\r\n`);
  });

  it.each([
    ['/tree', 'path=/tree&recursive=true', true],
    ['/tree, one level', 'path=/tree', false],
    ['/app with decryption', 'path=/app&withDecryption=true', false],
  ])('path reads (%s): answered at once, the same bytes as the miss', async (_name, query, recursive) => {
    const t = await shared.startAgent();
    const path = new URLSearchParams(query).get('path') as string;
    const client = new SSMClient(sdk());
    const { Parameters = [] } = await client.send(
      new GetParametersByPathCommand({
        Path: path,
        Recursive: recursive,
        WithDecryption: query.includes('withDecryption'),
      }),
    );
    client.destroy();
    expect(Parameters.length).toBeGreaterThan(0);
    const expected = JSON.stringify({
      Parameters: Parameters.map((parameter) => ({
        ARN: parameter.ARN,
        DataType: parameter.DataType,
        LastModifiedDate: time(parameter.LastModifiedDate),
        Name: parameter.Name,
        Selector: null,
        SourceResult: null,
        Type: parameter.Type,
        Value: parameter.Value,
        Version: parameter.Version,
      })),
      ResultMetadata: {},
    });
    const url = `/systemsmanager/parameters/get-by-path?${query}`;

    const miss = t.agent.handler(request(url));
    expect(miss).toBeInstanceOf(Promise);
    const first = await miss;
    expect(first.body).toBe(expected);
    const hits = Array.from({ length: 5 }, () => t.agent.handler(request(url)));
    for (const hit of hits) expect(hit).toBe(first);
    expect(t.agent.ssm.stats().hits).toBe(5);
    expect(shared.emulator.requests.count('GetParametersByPath')).toBe(2);

    const raw = await sendRaw(
      t.agent.port,
      `GET ${url} HTTP/1.1\r\nHost: x\r\n${TOKEN_HEADER}: ${TOKEN}\r\nConnection: close\r\n\r\n`,
      3000,
    );
    expect(raw.status).toBe(200);
    expect(raw.text.slice(raw.text.indexOf('\r\n\r\n') + 4)).toBe(expected);
    expect(raw.text).toContain(`\r\ncontent-length: ${Buffer.byteLength(expected)}\r\n`);
  });

  it('a path read with refreshNow=true fetches again and answers the new value', async () => {
    const t = await shared.startAgent();
    const url = '/systemsmanager/parameters/get-by-path?path=/tree&recursive=true';
    const before = (await t.agent.handler(request(url))).body;
    const client = new SSMClient(sdk());
    await client.send(new PutParameterCommand({ Name: '/tree/a', Value: 'changed', Overwrite: true }));
    client.destroy();
    expect(t.agent.handler(request(url))).toHaveProperty('body', before);
    const refreshed = await t.agent.handler(request(`${url}&refreshNow=true`));
    expect(JSON.parse(refreshed.body).Parameters.map((p: { Value: string }) => p.Value)).toEqual(['changed', '2']);
    expect((t.agent.handler(request(url)) as AgentResponse).body).toBe(refreshed.body);
  });
});
