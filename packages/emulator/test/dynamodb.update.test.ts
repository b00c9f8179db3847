import {
  ConditionalCheckFailedException,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { useConfigTable } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

const { h, put, get } = useConfigTable();
const KEY = { id: 'app', sk: 'db' };

const update = (input: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>, key: Record<string, unknown> = KEY) =>
  h.client.send(new UpdateItemCommand({ TableName: 'config', Key: marshall(key), ...input }));
const stored = async (key: Record<string, unknown> = KEY) => {
  const item = await get(key);
  return item && unmarshall(item);
};

beforeEach(async () => {
  await put({ Item: marshall({ ...KEY, port: 5432, hosts: ['a', 'b'], opts: { ssl: true } }) });
});

describe('UpdateItem', () => {
  it('creates the item when there is none, with its key alone when there is no expression', async () => {
    await update({}, { id: 'app', sk: 'bare' });
    expect(await stored({ id: 'app', sk: 'bare' })).toEqual({ id: 'app', sk: 'bare' });
    const created = await update(
      { UpdateExpression: 'SET v = :v', ExpressionAttributeValues: marshall({ ':v': 'x' }), ReturnValues: 'ALL_NEW' },
      { id: 'app', sk: 'new' },
    );
    expect(unmarshall(created.Attributes ?? {})).toEqual({ id: 'app', sk: 'new', v: 'x' });
  });

  it('computes numbers exactly, to 38 digits', async () => {
    await update({
      UpdateExpression: 'SET a = :x + :y, b = :big + :one, port = port - :one',
      ExpressionAttributeValues: {
        ':x': { N: '0.1' },
        ':y': { N: '0.2' },
        ':big': { N: '99999999999999999999999999999999999999' },
        ':one': { N: '1' },
      },
    });
    const item = await get(KEY);
    expect(item?.a).toEqual({ N: '0.3' });
    expect(item?.b).toEqual({ N: '100000000000000000000000000000000000000' });
    expect(item?.port).toEqual({ N: '5431' });
  });

  it('returns what ReturnValues asks for, the updated paths alone for UPDATED_*', async () => {
    const input = {
      UpdateExpression: 'SET opts.ssl = :off, opts.tlsMode = :m ADD visits :one',
      ExpressionAttributeValues: marshall({ ':off': false, ':m': 'strict', ':one': 1 }),
    };
    const newer = await update({ ...input, ReturnValues: 'UPDATED_NEW' });
    expect(unmarshall(newer.Attributes ?? {})).toEqual({ opts: { ssl: false, tlsMode: 'strict' }, visits: 1 });
    const older = await update({ ...input, ReturnValues: 'UPDATED_OLD', ReturnConsumedCapacity: 'TOTAL' });
    expect(unmarshall(older.Attributes ?? {})).toEqual({ visits: 1 });
    expect(older.ConsumedCapacity).toEqual({ TableName: 'config', CapacityUnits: 1 });
    const all = await update({ UpdateExpression: 'REMOVE hosts[0]', ReturnValues: 'ALL_OLD' });
    expect(unmarshall(all.Attributes ?? {}).hosts).toEqual(['a', 'b']);
    expect((await stored())?.hosts).toEqual(['b']);
    expect(
      (await update({ UpdateExpression: 'REMOVE nothere', ReturnValues: 'UPDATED_NEW' })).Attributes,
    ).toBeUndefined();
  });

  it('applies the condition to the item before the update, and leaves it alone when it fails', async () => {
    const error = await rejection(
      update({
        UpdateExpression: 'SET port = :p',
        ConditionExpression: 'port = :old',
        ExpressionAttributeValues: marshall({ ':p': 1, ':old': 1 }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect(unmarshall((error as unknown as { Item: Record<string, never> }).Item).port).toBe(5432);
    expect((await stored())?.port).toBe(5432);
  });

  it('keeps attributes named __proto__ or constructor as data, at the top and inside maps', async () => {
    await update({
      UpdateExpression: 'SET #p = :v, opts.#p = :v, opts.#c = :v',
      ExpressionAttributeNames: { '#p': '__proto__', '#c': 'constructor' },
      ExpressionAttributeValues: { ':v': { M: { polluted: { BOOL: true } } } },
    });
    // Read as stored: the SDK's own deserializer does not keep a top-level attribute named __proto__.
    const item = h.service.getItem('config', KEY) ?? {};
    expect(Object.keys(item).sort()).toEqual(['__proto__', 'hosts', 'id', 'opts', 'port', 'sk']);
    expect(Object.getOwnPropertyDescriptor(item, '__proto__')?.value).toEqual({ polluted: true });
    const opts = item.opts as Record<string, unknown>;
    expect(Object.keys(opts).sort()).toEqual(['__proto__', 'constructor', 'ssl']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    await update({ UpdateExpression: 'REMOVE #p', ExpressionAttributeNames: { '#p': '__proto__' } });
    expect(Object.keys(h.service.getItem('config', KEY) ?? {})).not.toContain('__proto__');
  });

  it("answers AWS's errors for an expression it cannot apply, changing nothing", async () => {
    const cases: [Omit<UpdateItemCommandInput, 'TableName' | 'Key'>, RegExp][] = [
      [
        { UpdateExpression: 'SET a = size(hosts)' },
        /The function is not allowed in an update expression; function: size/,
      ],
      [{ UpdateExpression: 'SET a = upper(hosts)' }, /Invalid function name; function: upper/],
      [
        { UpdateExpression: 'SET a = list_append(hosts)' },
        /Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1/,
      ],
      [
        { UpdateExpression: 'SET a = if_not_exists(:v, :v)', ExpressionAttributeValues: marshall({ ':v': 1 }) },
        /Operator or function requires a document path; operator or function: if_not_exists/,
      ],
      [
        { UpdateExpression: 'SET a = list_append(hosts, :v)', ExpressionAttributeValues: marshall({ ':v': 'x' }) },
        /operator or function: list_append, operand type: S/,
      ],
      [
        { UpdateExpression: 'ADD a :v', ExpressionAttributeValues: marshall({ ':v': 'x' }) },
        /Incorrect operand type for operator or function; operator: ADD, operand type: STRING/,
      ],
      [
        { UpdateExpression: 'DELETE a :v', ExpressionAttributeValues: marshall({ ':v': 1 }) },
        /operator: DELETE, operand type: NUMBER/,
      ],
      [{ UpdateExpression: 'SET a = hosts + port' }, /An operand in the update expression has an incorrect data type/],
      [
        { UpdateExpression: 'SET a = :v + :v + :v', ExpressionAttributeValues: marshall({ ':v': 1 }) },
        /Syntax error; token: "\+"/,
      ],
      [
        { UpdateExpression: 'SET hosts[0] = :v REMOVE hosts[0]', ExpressionAttributeValues: marshall({ ':v': 1 }) },
        /Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \[hosts, \[0\]\], path two: \[hosts, \[0\]\]/,
      ],
      [
        { UpdateExpression: 'SET opts[0] = :v, opts.x = :v', ExpressionAttributeValues: marshall({ ':v': 1 }) },
        /Two document paths conflict with each other/,
      ],
      [
        { UpdateExpression: 'REMOVE opts REMOVE hosts' },
        /The "REMOVE" section can only be used once in an update expression;/,
      ],
      [
        { UpdateExpression: 'SET sk = :v', ExpressionAttributeValues: marshall({ ':v': 'x' }) },
        /Cannot update attribute sk. This attribute is part of the key/,
      ],
      [
        { UpdateExpression: 'SET port.x = :v', ExpressionAttributeValues: marshall({ ':v': 'x' }) },
        /The document path provided in the update expression is invalid for update/,
      ],
      [
        { UpdateExpression: 'SET a = :v', ExpressionAttributeValues: marshall({ ':v': 1, ':unused': 2 }) },
        /unused in expressions: keys: \{:unused\}/,
      ],
      [{ UpdateExpression: '' }, /Invalid UpdateExpression: The expression can not be empty;/],
      [{ UpdateExpression: 'PUT a = b' }, /Invalid UpdateExpression: Syntax error; token: "PUT"/],
      [
        { UpdateExpression: 'SET big = :v', ExpressionAttributeValues: { ':v': { S: 'x'.repeat(401 * 1024) } } },
        /Item size to update has exceeded the maximum allowed size/,
      ],
      [
        { UpdateExpression: 'SET a = :v', ReturnValues: 'SOME' as never },
        /failed to satisfy constraint: Member must satisfy enum value set/,
      ],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(update(input));
      expect(error.name, input.UpdateExpression).toBe('ValidationException');
      expect(error.message).toMatch(message);
    }
    expect(await stored()).toEqual({ ...KEY, port: 5432, hosts: ['a', 'b'], opts: { ssl: true } });
  });
});
