import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { AWS_JSON_1_0, AWS_JSON_1_1, rawJsonRequest } from './support/rawJsonRequest.js';

// Repros of issue 9 ("Emulator"): deep JSON and deep expressions overflowed the stack and answered 500.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
  emulator.dynamodb.createTable({ name: 'things', partitionKey: 'id' });
});
afterAll(() => emulator.stop());

const NESTING_MESSAGE =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

/** An attribute value with `wraps` M wrappers around a string (AWS accepts 31, refuses 32). */
function wrapped(wraps: number): string {
  return `${'{"M":{"a":'.repeat(wraps)}{"S":"x"}${'}}'.repeat(wraps)}`;
}

const dynamo = (operation: string, body: string) =>
  rawJsonRequest(emulator.endpoint, { target: `DynamoDB_20120810.${operation}`, contentType: AWS_JSON_1_0, body });

describe('DynamoDB document nesting (32 levels, as AWS)', () => {
  it('accepts 31 M wrappers and refuses 32 with AWS ValidationException', async () => {
    const ok = await dynamo('PutItem', `{"TableName":"things","Item":{"id":{"S":"a"},"deep":${wrapped(31)}}}`);
    expect(ok.status).toBe(200);
    const refused = await dynamo('PutItem', `{"TableName":"things","Item":{"id":{"S":"b"},"deep":${wrapped(32)}}}`);
    expect(refused).toMatchObject({
      status: 400,
      json: { __type: 'com.amazon.coral.validate#ValidationException', message: NESTING_MESSAGE },
    });
  });

  it('answers a 20,000-deep item with the same ValidationException, not a stack overflow', async () => {
    const answer = await dynamo('PutItem', `{"TableName":"things","Item":{"id":{"S":"c"},"deep":${wrapped(20_000)}}}`);
    expect(answer).toMatchObject({ status: 400, json: { message: NESTING_MESSAGE } });
    const lists = `${'{"L":['.repeat(20_000)}{"S":"x"}${']}'.repeat(20_000)}`;
    const listAnswer = await dynamo('PutItem', `{"TableName":"things","Item":{"id":{"S":"c"},"deep":${lists}}}`);
    expect(listAnswer).toMatchObject({ status: 400, json: { message: NESTING_MESSAGE } });
  });

  it('checks ExpressionAttributeValues too, with the same message', async () => {
    const body = `{"TableName":"things","Item":{"id":{"S":"d"}},"ConditionExpression":"attribute_not_exists(id) OR id = :v","ExpressionAttributeValues":{":v":${wrapped(32)}}}`;
    expect(await dynamo('PutItem', body)).toMatchObject({ status: 400, json: { message: NESTING_MESSAGE } });
  });

  it('answers deep junk in any member with a 4xx', async () => {
    const junk = '['.repeat(20_000) + ']'.repeat(20_000);
    for (const operation of ['PutItem', 'GetItem', 'Query', 'Scan', 'CreateTable', 'DescribeTable']) {
      const answer = await dynamo(operation, `{"TableName":"things","Key":${junk},"Item":${junk},"Junk":${junk}}`);
      expect({ operation, status: answer.status }).toEqual({ operation, status: 400 });
    }
  });
});

describe('DynamoDB expressions', () => {
  let fresh = 0;
  // A new item each time, so `attribute_not_exists(id)` holds.
  const put = (condition: string) =>
    dynamo(
      'PutItem',
      JSON.stringify({
        TableName: 'things',
        Item: { id: { S: `expression-${fresh++}` } },
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':v': { S: 'x' } },
      }),
    );

  it('refuses an expression over 4 KB as AWS does', async () => {
    const condition = `${'('.repeat(20_000)}id = :v${')'.repeat(20_000)}`;
    expect(await put(condition)).toMatchObject({
      status: 400,
      json: {
        message: `Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: ${condition.length}`,
      },
    });
  });

  it('accepts 32 nested parentheses and refuses 33 with a ValidationException', async () => {
    // Not redundant: each level holds a comparison and a nested group.
    const nested = (levels: number) => `${'(id = :v AND '.repeat(levels)}id = :v${')'.repeat(levels)}`;
    expect((await put(`attribute_not_exists(id) OR ${nested(32)}`)).status).toBe(200);
    const refused = await put(`attribute_not_exists(id) OR ${nested(33)}`);
    expect(refused).toMatchObject({
      status: 400,
      json: {
        __type: 'com.amazon.coral.validate#ValidationException',
        message: 'Invalid ConditionExpression: The expression nests parentheses deeper than 32 levels;',
      },
    });
  });

  it('parses a long chain of NOTs without recursion', async () => {
    // 999 NOTs of a false condition are true, so the put goes through.
    const answer = await put(`${'NOT '.repeat(999)}attribute_exists(id) OR id = :v`);
    expect(answer.status).toBe(200);
  });

  it('answers every kind of expression with deep parentheses within 4 KB with a 4xx', async () => {
    const deep = `${'('.repeat(2000)}id = :v${')'.repeat(2000)}`;
    for (const member of [
      'ConditionExpression',
      'FilterExpression',
      'KeyConditionExpression',
      'ProjectionExpression',
    ]) {
      const answer = await dynamo(
        member === 'ConditionExpression' ? 'PutItem' : 'Query',
        JSON.stringify({
          TableName: 'things',
          Item: { id: { S: 'f' } },
          KeyConditionExpression: 'id = :v',
          [member]: deep,
          ExpressionAttributeValues: { ':v': { S: 'x' } },
        }),
      );
      expect({ member, status: answer.status }).toEqual({ member, status: 400 });
    }
    const sizes = `${'size('.repeat(800)}id${')'.repeat(800)} > :v`;
    expect((await put(sizes)).status).toBe(400);
  });
});

describe('nesting is checked on the text, before JSON.parse', () => {
  const ssm = (body: string) =>
    rawJsonRequest(emulator.endpoint, { target: 'AmazonSSM.GetParameter', contentType: AWS_JSON_1_1, body });
  const TOO_DEEP = { __type: 'SerializationException', message: 'The request body nests deeper than 100 levels.' };

  it('refuses a body nested past the cap with the depth error, even when the rest is not JSON', async () => {
    // Parsing first answered these "not valid JSON": the depth error shows nothing was parsed.
    expect(await ssm(`{"Name":${'['.repeat(101)}`)).toMatchObject({ status: 400, json: TOO_DEEP });
    expect(await ssm(`{"Name":${'{"a":'.repeat(500)}!`)).toMatchObject({ status: 400, json: TOO_DEEP });
    const table = await dynamo('GetItem', `{"TableName":"things","Key":${'{"M":{"a":'.repeat(100)}`);
    expect(table).toMatchObject({ status: 400, json: { message: NESTING_MESSAGE } });
  });

  it('refuses a 16 MB body of brackets with the same error', async () => {
    const half = 8_000_000;
    expect(await ssm(`{"Name":${'['.repeat(half)}${']'.repeat(half)}}`)).toMatchObject({ status: 400, json: TOO_DEEP });
  });

  it('parses bodies at the cap, and does not count brackets inside strings', async () => {
    const atCap = `{"Name":${'['.repeat(99)}"/x"${']'.repeat(99)}}`;
    expect((await ssm(atCap)).json.__type).toBe('SerializationException');
    expect((await ssm(atCap)).json.message).toBe('Start of list found where not expected.');
    for (const name of [`/${'['.repeat(500)}`, `a\\"${'{'.repeat(500)}`, `\\\\${'['.repeat(500)}`]) {
      const answer = await ssm(`{"Name":"${name}"}`);
      expect({ name, type: answer.json.__type }).toEqual({ name, type: 'ParameterNotFound' });
    }
  });
});

describe('deep JSON bodies in the other services', () => {
  const junk = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
  const array = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

  it('answers SSM and Secrets Manager with a 4xx for every operation', async () => {
    const targets = [
      'AmazonSSM.GetParameter',
      'AmazonSSM.GetParameters',
      'AmazonSSM.PutParameter',
      'AmazonSSM.GetParametersByPath',
      'secretsmanager.CreateSecret',
      'secretsmanager.GetSecretValue',
      'secretsmanager.BatchGetSecretValue',
      'secretsmanager.ListSecrets',
    ];
    for (const target of targets) {
      for (const value of [junk, array]) {
        const body = `{"Name":${value},"Names":${value},"SecretId":${value},"Filters":${value},"Tags":${value}}`;
        const answer = await rawJsonRequest(emulator.endpoint, { target, contentType: AWS_JSON_1_1, body });
        expect({ target, status: answer.status }).toEqual({ target, status: 400 });
      }
    }
  });

  it('answers AppConfigData with a 4xx', async () => {
    const response = await fetch(`${emulator.endpoint}/configurationsessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"ApplicationIdentifier":${junk}}`,
    });
    expect(response.status).toBe(400);
  });

  it('answers a deep admin seed with a 400', async () => {
    const response = await fetch(`${emulator.endpoint}/_paramkit/seed`, {
      method: 'POST',
      body: `{"dynamodb":{"tables":[{"name":"deep","partitionKey":"id","items":[{"id":"x","v":${junk}}]}]}}`,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).not.toContain('call stack');
  });

  it('refuses a deep admin body before parsing it', async () => {
    const response = await fetch(`${emulator.endpoint}/_paramkit/seed`, { method: 'POST', body: '['.repeat(200) });
    expect({ status: response.status, json: await response.json() }).toEqual({
      status: 400,
      json: { message: 'The request body must not nest deeper than 100 levels' },
    });
  });
});
