import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { AWS_JSON_1_0, AWS_JSON_1_1, rawJsonRequest } from './support/rawJsonRequest.js';

// Repros of issue 9 ("Emulator"): operation names that live on Object.prototype, and request targets that
// `new URL` refuses.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    seed: { secretsmanager: { secrets: [{ name: 'db', value: 'SEEDED-SECRET-VALUE' }] } },
  });
  emulator.dynamodb.createTable({ name: 'things', partitionKey: 'id' });
  emulator.dynamodb.putItem('things', { id: 'a', secret: 'SEEDED-ITEM-VALUE' });
});
afterAll(() => emulator.stop());

const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'valueOf',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];

const SERVICES = [
  { prefix: 'secretsmanager', contentType: AWS_JSON_1_1, type: 'UnknownOperationException' },
  { prefix: 'AmazonSSM', contentType: AWS_JSON_1_1, type: 'UnknownOperationException' },
  {
    prefix: 'DynamoDB_20120810',
    contentType: AWS_JSON_1_0,
    type: 'com.amazon.coral.service#UnknownOperationException',
  },
];

describe('operation lookup finds only real operations', () => {
  for (const service of SERVICES) {
    it(`answers UnknownOperationException for ${service.prefix}.<Object.prototype member>`, async () => {
      for (const name of PROTOTYPE_NAMES) {
        const answer = await rawJsonRequest(emulator.endpoint, {
          target: `${service.prefix}.${name}`,
          contentType: service.contentType,
          body: '{"TableName":"things","SecretId":"db","Name":"db"}',
        });
        expect({ name, status: answer.status, type: answer.json.__type }).toEqual({
          name,
          status: 400,
          type: service.type,
        });
        const text = JSON.stringify(answer.json);
        expect(text).not.toContain('SEEDED');
        expect(text).not.toContain('context');
      }
    });
  }
});

describe('request counter', () => {
  it('counts only real operations: unknown operation names are refused and leave no trace', async () => {
    emulator.requests.reset();
    // Long, unique names: each one kept would cost its length, for as long as the emulator runs.
    const padding = 'x'.repeat(2_000);
    for (const service of SERVICES) {
      for (let i = 0; i < 100; i++) {
        const answer = await rawJsonRequest(emulator.endpoint, {
          target: `${service.prefix}.Made${i}${padding}`,
          contentType: service.contentType,
          body: '{}',
        });
        expect({ i, status: answer.status, type: answer.json.__type }).toEqual({ i, status: 400, type: service.type });
      }
    }
    expect(emulator.requests.snapshot()).toEqual({});
    expect(emulator.requests.count()).toBe(0);

    await rawJsonRequest(emulator.endpoint, {
      target: 'secretsmanager.GetSecretValue',
      contentType: AWS_JSON_1_1,
      body: '{"SecretId":"db"}',
    });
    expect(emulator.requests.snapshot()).toEqual({ GetSecretValue: 1 });
  });

  it('applies no fault rule to an unknown operation name', async () => {
    emulator.faults.add({ service: 'dynamodb', throttleRate: 1 });
    try {
      const unknown = await rawJsonRequest(emulator.endpoint, {
        target: 'DynamoDB_20120810.CreateBackup',
        contentType: AWS_JSON_1_0,
        body: '{}',
      });
      expect(unknown.json.__type).toBe('com.amazon.coral.service#UnknownOperationException');
      const known = await rawJsonRequest(emulator.endpoint, {
        target: 'DynamoDB_20120810.ListTables',
        contentType: AWS_JSON_1_0,
        body: '{}',
      });
      expect(known.json.__type).toBe('com.amazon.coral.availability#ThrottlingException');
    } finally {
      emulator.faults.clear();
    }
  });
});

/** Sends one request with a request target as given (no normalisation), and returns status and body. */
function rawTarget(path: string, method = 'POST'): Promise<{ status: number; body: string }> {
  const { port } = emulator;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { 'content-length': 0 } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('request targets new URL() refuses', () => {
  it('answers POST // with a 4xx, not 500', async () => {
    const answer = await rawTarget('//');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toContain('Invalid URL');
  });

  it('answers other odd targets with a 4xx', async () => {
    for (const path of ['//?a=b', '///x', '//host:99999/', '/%zz', '*', 'http://[::1', '/?%', '/a?b=%E0%A4%A']) {
      const answer = await rawTarget(path);
      expect({ path, client: answer.status >= 400 && answer.status < 500 }).toEqual({ path, client: true });
    }
  });

  it('still serves the health route afterwards', async () => {
    await rawTarget('//');
    expect((await rawTarget('/_paramkit/health', 'GET')).status).toBe(200);
  });
});

describe('Object.prototype names as data', () => {
  const dynamo = (operation: string, body: unknown) =>
    rawJsonRequest(emulator.endpoint, {
      target: `DynamoDB_20120810.${operation}`,
      contentType: AWS_JSON_1_0,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stores an attribute named __proto__ as an attribute, and finds no constructor attribute that was never sent', async () => {
    const put = await dynamo(
      'PutItem',
      '{"TableName":"things","Item":{"id":{"S":"proto"},"__proto__":{"S":"kept"},"m":{"M":{"__proto__":{"N":"1"}}}}}',
    );
    expect(put.status).toBe(200);
    const got = await dynamo('GetItem', { TableName: 'things', Key: { id: { S: 'proto' } } });
    expect(JSON.stringify(got.json)).toBe(
      '{"Item":{"id":{"S":"proto"},"__proto__":{"S":"kept"},"m":{"M":{"__proto__":{"N":"1"}}}}}',
    );
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const condition = await dynamo('PutItem', {
        TableName: 'things',
        Item: { id: { S: 'proto' } },
        // CONSTRUCTOR is a reserved word in DynamoDB, so the name goes through an alias.
        ConditionExpression: 'attribute_not_exists(#n)',
        ExpressionAttributeNames: { '#n': name },
      });
      expect({ name, status: condition.status }).toEqual({ name, status: 200 });
      const projected = await dynamo('GetItem', {
        TableName: 'things',
        Key: { id: { S: 'proto' } },
        ProjectionExpression: '#n',
        ExpressionAttributeNames: { '#n': name },
      });
      expect({ name, json: projected.json }).toEqual({ name, json: { Item: {} } });
    }
  });

  it('reads members named after Object.prototype members as absent in every service', async () => {
    const targets = [
      ['AmazonSSM.GetParameter', AWS_JSON_1_1],
      ['secretsmanager.GetSecretValue', AWS_JSON_1_1],
      ['DynamoDB_20120810.GetItem', AWS_JSON_1_0],
    ] as const;
    for (const [target, contentType] of targets) {
      const answer = await rawJsonRequest(emulator.endpoint, {
        target,
        contentType,
        body: '{"__proto__":{"Name":"db","SecretId":"db","TableName":"things"}}',
      });
      expect({ target, status: answer.status }).toEqual({ target, status: 400 });
      expect(JSON.stringify(answer.json)).not.toContain('SEEDED');
    }
  });
});
