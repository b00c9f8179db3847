import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { useConfigTable } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

/*
 * The checks AWS makes on an expression before reading any item, over HTTP. AWS documents none of these messages;
 * their wording is the one DynamoDB answers, as recorded by dynalite (architect/dynalite `db/conditionParser.pegjs`,
 * written against live DynamoDB). All are ValidationExceptions.
 */

const { h, put } = useConfigTable();
const ITEM = marshall({ id: 'a', sk: 'b', n: 1, s: 'abc', arr: [1, 2] });

async function conditionError(expression: string, values?: Record<string, unknown>): Promise<string> {
  const error = await rejection(
    put({
      Item: ITEM,
      ConditionExpression: expression,
      ...(values ? { ExpressionAttributeValues: marshall(values) } : {}),
    }),
  );
  expect(error.name, expression).toBe('ValidationException');
  return error.message;
}

describe('expression operand rules', () => {
  it.each<[string, Record<string, unknown> | undefined, string]>([
    [
      'n = n',
      undefined,
      'The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [n]',
    ],
    [
      'arr[0] < arr[0]',
      undefined,
      'The first operand must be distinct from the remaining operands for this operator or function; operator: <, first operand: [arr, [0]]',
    ],
    [
      'begins_with(s, s)',
      undefined,
      'The first operand must be distinct from the remaining operands for this operator or function; operator: begins_with, first operand: [s]',
    ],
    [
      'contains(s, s)',
      undefined,
      'The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [s]',
    ],
    [
      'n BETWEEN :low AND :high',
      { ':low': 1, ':high': 'x' },
      'The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}',
    ],
    [
      'attribute_exists(n) = :v',
      { ':v': true },
      'The function is not allowed to be used this way in an expression; function: attribute_exists',
    ],
    [
      'begins_with(s, :v) IN (:w)',
      { ':v': 'a', ':w': true },
      'The function is not allowed to be used this way in an expression; function: begins_with',
    ],
    ['size(s)', undefined, 'The function is not allowed to be used this way in an expression; function: size'],
    [
      'attribute_type(n, :t)',
      { ':t': 1 },
      'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N',
    ],
    [
      'attribute_type(n, s)',
      undefined,
      'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}',
    ],
    [
      'begins_with(:n, s)',
      { ':n': 1 },
      'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    ],
  ])('%s is refused', async (expression, values, message) => {
    expect(await conditionError(expression, values)).toBe(`Invalid ConditionExpression: ${message}`);
  });

  it('still accepts distinct paths, a path against a value, and a value on the left', async () => {
    await put({ Item: ITEM });
    await put({
      Item: ITEM,
      ConditionExpression: 'n = n2 OR s = :s',
      ExpressionAttributeValues: marshall({ ':s': 'abc' }),
    });
    await put({
      Item: ITEM,
      ConditionExpression: ':n = n AND size(s) = :three',
      ExpressionAttributeValues: marshall({ ':n': 1, ':three': 3 }),
    });
    await put({
      Item: ITEM,
      ConditionExpression: 'arr[0] < arr[1] AND n BETWEEN :a AND :b',
      ExpressionAttributeValues: marshall({ ':a': 0, ':b': 2 }),
    });
  });

  it('applies to filters and key conditions alike, naming the expression', async () => {
    const filter = await rejection(
      h.client.send(
        new QueryCommand({
          TableName: 'config',
          KeyConditionExpression: 'id = :id',
          FilterExpression: 'n <> n',
          ExpressionAttributeValues: marshall({ ':id': 'a' }),
        }),
      ),
    );
    expect(filter.message).toBe(
      'Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [n]',
    );
    const key = await rejection(
      h.client.send(
        new QueryCommand({
          TableName: 'config',
          KeyConditionExpression: 'id = :id AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: marshall({ ':id': 'a', ':a': 'x', ':b': 1 }),
        }),
      ),
    );
    expect(key.message).toBe(
      'Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:x}, upper bound operand: AttributeValue: {N:1}',
    );
  });
});

describe('projection paths in errors', () => {
  it('print list indexes in brackets, as AWS does', async () => {
    const error = await rejection(
      h.client.send(
        new GetItemCommand({
          TableName: 'config',
          Key: marshall({ id: 'a', sk: 'b' }),
          ProjectionExpression: 'arr[0], arr[0].x',
        }),
      ),
    );
    expect(error.message).toBe(
      'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [arr, [0]], path two: [arr, [0], x]',
    );
  });
});
