import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { AWS_JSON_1_0, AWS_JSON_1_1 } from './support/rawJsonRequest.js';
import { rejection } from './support/rejection.js';
import { useSsm } from './support/ssm.js';

// AWS puts an `x-amzn-RequestId` on every answer, success or error; the SDK reports it as `$metadata.requestId`.

const ctx = useSsm();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The request id header of one raw request. */
async function requestId(path: string, init: RequestInit): Promise<string | null> {
  const response = await fetch(`${ctx.emulator.endpoint}${path}`, init);
  await response.arrayBuffer();
  return response.headers.get('x-amzn-requestid');
}

const json = (target: string, contentType: string, body = '{}'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': contentType, 'x-amz-target': target },
  body,
});

describe('x-amzn-RequestId', () => {
  it('reaches the SDK as $metadata.requestId, on answers and errors, fresh each time', async () => {
    const put = await ctx.client.send(new PutParameterCommand({ Name: '/app/p', Value: 'v', Type: 'String' }));
    const got = await ctx.client.send(new GetParameterCommand({ Name: '/app/p' }));
    const missing = await rejection(ctx.client.send(new GetParameterCommand({ Name: '/missing' })));
    const ids = [put.$metadata.requestId, got.$metadata.requestId, missing.$metadata?.requestId];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
  });

  it('is on the answers of every service, unknown operations and injected faults included', async () => {
    const requests: [string, string, RequestInit][] = [
      ['ssm', '/', json('AmazonSSM.GetParameter', AWS_JSON_1_1, '{"Name":"/x"}')],
      ['ssm unknown', '/', json('AmazonSSM.SendCommand', AWS_JSON_1_1)],
      ['secrets manager', '/', json('secretsmanager.ListSecrets', AWS_JSON_1_1)],
      ['secrets manager unknown', '/', json('secretsmanager.ReplicateSecretToRegions', AWS_JSON_1_1)],
      ['dynamodb', '/', json('DynamoDB_20120810.ListTables', AWS_JSON_1_0)],
      ['dynamodb unknown', '/', json('DynamoDB_20120810.CreateBackup', AWS_JSON_1_0)],
      ['appconfigdata', '/configuration?configuration_token=nope', { method: 'GET' }],
      ['no route', '/nowhere', { method: 'GET' }],
    ];
    for (const [what, path, init] of requests) {
      expect({ what, id: await requestId(path, init) }).toEqual({ what, id: expect.stringMatching(UUID) });
    }
    ctx.emulator.faults.add({ service: 'ssm', throttleRate: 1, times: 1 });
    expect(await requestId('/', json('AmazonSSM.GetParameter', AWS_JSON_1_1, '{"Name":"/x"}'))).toMatch(UUID);
  });
});
