import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { AWS_JSON_1_1, rawJsonRequest } from './support/rawJsonRequest.js';

let emulator: RunningEmulator;
const send = (target: string, body: string) =>
  rawJsonRequest(emulator.endpoint, { target, contentType: AWS_JSON_1_1, body });

beforeAll(async () => {
  emulator = await startEmulator({ seed: { ssm: { '/app/url': 'https://example.com' } } });
});
afterAll(() => emulator.stop());

describe('SSM over raw JSON 1.1', () => {
  it('answers a well-formed request with epoch-second timestamps and the JSON 1.1 content type', async () => {
    const response = await fetch(`${emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter' },
      body: JSON.stringify({ Name: '/app/url' }),
    });
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = (await response.json()) as { Parameter: { LastModifiedDate: unknown } };
    expect(body.Parameter.LastModifiedDate).toBeTypeOf('number');
  });

  it('answers malformed JSON with SerializationException', async () => {
    const response = await send('AmazonSSM.GetParameter', '{"Name":');
    expect(response).toMatchObject({ status: 400, errorType: 'SerializationException' });
    expect(response.json.__type).toBe('SerializationException');
  });

  it('answers a body that is not an object with SerializationException', async () => {
    expect((await send('AmazonSSM.GetParameter', '[1,2]')).errorType).toBe('SerializationException');
  });

  it('treats an empty body as an empty object, so required members are reported', async () => {
    const response = await send('AmazonSSM.GetParameter', '');
    expect(response).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(response.json.message).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([
    ['AmazonSSM.GetParameters', { Names: '/app/url' }, 'STRING_VALUE cannot be converted to List'],
    ['AmazonSSM.GetParameters', { Names: [1, 2] }, 'NUMBER_VALUE cannot be converted to String'],
    ['AmazonSSM.GetParameter', { Name: 42 }, 'NUMBER_VALUE cannot be converted to String'],
    [
      'AmazonSSM.GetParameter',
      { Name: '/app/url', WithDecryption: 'yes' },
      'STRING_VALUE cannot be converted to Boolean',
    ],
    ['AmazonSSM.GetParametersByPath', { Path: '/', MaxResults: 2.5 }, 'NUMBER_VALUE cannot be converted to Integer'],
    [
      'AmazonSSM.GetParametersByPath',
      { Path: '/', ParameterFilters: {} },
      'Start of structure or map found where not expected.',
    ],
    ['AmazonSSM.PutParameter', { Name: '/x', Value: 'v', Tags: 'k=v' }, 'STRING_VALUE cannot be converted to List'],
    [
      'AmazonSSM.LabelParameterVersion',
      { Name: '/app/url', Labels: ['a'], ParameterVersion: '1' },
      'STRING_VALUE cannot be converted to Long',
    ],
  ])('answers a wrongly typed member of %s with SerializationException, as AWS does', async (target, body, message) => {
    const response = await send(target, JSON.stringify(body));
    expect(response).toMatchObject({
      status: 400,
      errorType: 'SerializationException',
      json: { __type: 'SerializationException', message },
    });
  });

  it('answers an operation it does not implement with UnknownOperationException, without counting it', async () => {
    emulator.requests.reset();
    const response = await send('AmazonSSM.SendCommand', '{}');
    expect(response).toMatchObject({ status: 400, errorType: 'UnknownOperationException' });
    expect(emulator.requests.count()).toBe(0);
  });

  it('leaves requests for other services to them', async () => {
    const response = await send('SomethingElse_20240101.GetParameter', '{}');
    expect(response.errorType).toBe('UnknownOperationException');
  });

  it('survives every malformed request above and keeps answering', async () => {
    const response = await send('AmazonSSM.GetParameter', JSON.stringify({ Name: '/app/url' }));
    expect(response.status).toBe(200);
  });
});
