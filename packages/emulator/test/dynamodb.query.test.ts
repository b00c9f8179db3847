import {
  type AttributeValue,
  CreateTableCommand,
  PutItemCommand,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo, tableInput } from './support/dynamodb.js';

let h: DynamoHarness;

const NUMBERS = [10, 9, 100, -5, 0.5, 2, 1, -10.25];
const WORDS = ['b', 'a', 'B', 'app', 'apple', 'banana', 'é', '\uff5e', '😀'];
const BLOBS = [[0xff], [0x01, 0x00], [0x01], [0x80], [0x00, 0xff]];

async function putAll(table: string, items: Record<string, unknown>[]): Promise<void> {
  for (const item of items) await h.client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
}

beforeAll(async () => {
  h = await startDynamo();
  await h.client.send(new CreateTableCommand(tableInput('numbers', ['pk', 'S'], ['n', 'N'])));
  await h.client.send(new CreateTableCommand(tableInput('words', ['pk', 'S'], ['w', 'S'])));
  await h.client.send(new CreateTableCommand(tableInput('blobs', ['pk', 'S'], ['b', 'B'])));
  await putAll(
    'numbers',
    NUMBERS.map((n) => ({ pk: 'p', n, even: n % 2 === 0, label: `n${n}` })),
  );
  await putAll('numbers', [{ pk: 'other', n: 1 }]);
  await putAll(
    'words',
    WORDS.map((w) => ({ pk: 'p', w })),
  );
  await putAll(
    'blobs',
    BLOBS.map((b) => ({ pk: 'p', b: new Uint8Array(b) })),
  );
});
afterAll(() => h.stop());

async function query(input: Omit<QueryCommandInput, 'TableName'> & { TableName?: string }) {
  const response = await h.client.send(new QueryCommand({ TableName: 'numbers', ...input } as QueryCommandInput));
  return { ...response, plain: (response.Items ?? []).map((item) => unmarshall(item)) };
}

const inPartition = (extra = '', values: Record<string, unknown> = {}) => ({
  KeyConditionExpression: `pk = :pk${extra}`,
  ExpressionAttributeValues: marshall({ ':pk': 'p', ...values }),
});

describe('Query order', () => {
  it('sorts number sort keys numerically, descending with ScanIndexForward false', async () => {
    const sorted = [...NUMBERS].sort((a, b) => a - b);
    expect((await query(inPartition())).plain.map((i) => i.n)).toEqual(sorted);
    expect((await query({ ...inPartition(), ScanIndexForward: false })).plain.map((i) => i.n)).toEqual(
      sorted.reverse(),
    );
  });

  it('sorts string sort keys by UTF-8 bytes, not UTF-16 code units', async () => {
    const { plain } = await query({ TableName: 'words', ...inPartition() });
    // U+FF5E sorts before U+1F600 in UTF-8, though its UTF-16 code unit is larger than the surrogate's.
    expect(plain.map((i) => i.w)).toEqual(['B', 'a', 'app', 'apple', 'b', 'banana', 'é', '\uff5e', '😀']);
  });

  it('sorts binary sort keys by unsigned bytes', async () => {
    const { plain } = await query({ TableName: 'blobs', ...inPartition() });
    expect(plain.map((i) => [...(i.b as Uint8Array)])).toEqual([[0x00, 0xff], [0x01], [0x01, 0x00], [0x80], [0xff]]);
  });
});

describe('Query key conditions', () => {
  it.each<[string, string, Record<string, unknown>, number[]]>([
    ['=', ' AND n = :a', { ':a': 2 }, [2]],
    ['<', ' AND n < :a', { ':a': 1 }, [-10.25, -5, 0.5]],
    ['<=', ' AND n <= :a', { ':a': 1 }, [-10.25, -5, 0.5, 1]],
    ['>', ' AND n > :a', { ':a': 9 }, [10, 100]],
    ['>=', ' AND n >= :a', { ':a': 9 }, [9, 10, 100]],
    ['BETWEEN', ' AND n BETWEEN :a AND :b', { ':a': -5, ':b': 2 }, [-5, 0.5, 1, 2]],
    ['a reversed comparison', ' AND :a > n', { ':a': 0 }, [-10.25, -5]],
  ])('selects sort keys with %s', async (_, condition, values, expected) => {
    expect((await query(inPartition(condition, values))).plain.map((i) => i.n)).toEqual(expected);
  });

  it('selects string sort keys with begins_with and aliased names', async () => {
    const { plain } = await query({
      TableName: 'words',
      KeyConditionExpression: '#pk = :pk AND begins_with(#w, :prefix)',
      ExpressionAttributeNames: { '#pk': 'pk', '#w': 'w' },
      ExpressionAttributeValues: marshall({ ':pk': 'p', ':prefix': 'app' }),
    });
    expect(plain.map((i) => i.w)).toEqual(['app', 'apple']);
  });

  it('selects binary sort keys with begins_with', async () => {
    const { plain } = await query({
      TableName: 'blobs',
      ...inPartition(' AND begins_with(b, :prefix)', { ':prefix': new Uint8Array([0x01]) }),
    });
    expect(plain.map((i) => [...(i.b as Uint8Array)])).toEqual([[0x01], [0x01, 0x00]]);
  });

  it('accepts the legacy KeyConditions', async () => {
    const { plain } = await query({
      KeyConditions: {
        pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] },
        n: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }, { N: '9' }] },
      },
    });
    expect(plain.map((i) => i.n)).toEqual([1, 2, 9]);
  });

  it('returns nothing for a partition without items', async () => {
    const response = await query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'none' } },
    });
    expect(response).toMatchObject({ Items: [], Count: 0, ScannedCount: 0 });
    expect(response.LastEvaluatedKey).toBeUndefined();
  });
});

describe('Query paging, counting, filtering and projection', () => {
  it('pages with Limit and ExclusiveStartKey; LastEvaluatedKey is the key of the last item read', async () => {
    const first = await query({ ...inPartition(), Limit: 3 });
    expect(first.plain.map((i) => i.n)).toEqual([-10.25, -5, 0.5]);
    expect(first.LastEvaluatedKey).toEqual({ pk: { S: 'p' }, n: { N: '0.5' } });
    const second = await query({ ...inPartition(), Limit: 3, ExclusiveStartKey: first.LastEvaluatedKey });
    expect(second.plain.map((i) => i.n)).toEqual([1, 2, 9]);
  });

  it('collects every item through the SDK paginator, in order', async () => {
    const pages: number[][] = [];
    for await (const page of paginateQuery(
      { client: h.client, pageSize: 4 },
      { TableName: 'numbers', ...inPartition() },
    )) {
      pages.push((page.Items ?? []).map((item) => Number(item.n?.N)));
    }
    // 8 items in pages of 4: the second page ends at the Limit, so a third, empty page confirms the end (as on AWS).
    expect(pages).toEqual([[-10.25, -5, 0.5, 1], [2, 9, 10, 100], []]);
  });

  it('sets LastEvaluatedKey when the Limit ends exactly at the last item, as AWS does not look ahead', async () => {
    const all = await query({ ...inPartition(), Limit: NUMBERS.length });
    expect(all.LastEvaluatedKey).toEqual({ pk: { S: 'p' }, n: { N: '100' } });
    const rest = await query({ ...inPartition(), Limit: NUMBERS.length, ExclusiveStartKey: all.LastEvaluatedKey });
    expect(rest).toMatchObject({ Items: [], Count: 0 });
    expect(rest.LastEvaluatedKey).toBeUndefined();
  });

  it('stops a page after 1 MB of items, with a LastEvaluatedKey to continue from', async () => {
    const big = 'x'.repeat(350 * 1024);
    await putAll(
      'numbers',
      [1, 2, 3, 4].map((n) => ({ pk: 'large', n, big })),
    );
    const values = marshall({ ':pk': 'large' });
    const first = await query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values });
    expect(first.plain.map((i) => i.n)).toEqual([1, 2, 3]);
    expect(first.LastEvaluatedKey).toEqual({ pk: { S: 'large' }, n: { N: '3' } });
    const rest = await query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: values,
      ExclusiveStartKey: first.LastEvaluatedKey,
    });
    expect(rest.plain.map((i) => i.n)).toEqual([4]);
    expect(rest.LastEvaluatedKey).toBeUndefined();
  });

  it('pages backwards with ScanIndexForward false', async () => {
    const first = await query({ ...inPartition(), Limit: 2, ScanIndexForward: false });
    const second = await query({
      ...inPartition(),
      Limit: 2,
      ScanIndexForward: false,
      ExclusiveStartKey: first.LastEvaluatedKey,
    });
    expect([...first.plain, ...second.plain].map((i) => i.n)).toEqual([100, 10, 9, 2]);
  });

  it('counts with Select COUNT, without Items', async () => {
    const response = await query({ ...inPartition(' AND n > :z', { ':z': 0 }), Select: 'COUNT' });
    expect(response.Items).toBeUndefined();
    expect(response).toMatchObject({ Count: 6, ScannedCount: 6 });
  });

  it('filters after reading: Limit counts items read, Count the ones that matched', async () => {
    const filtered = await query({
      ...inPartition('', { ':t': true }),
      FilterExpression: 'even = :t',
    });
    expect(filtered.plain.map((i) => i.n)).toEqual([2, 10, 100]);
    expect(filtered).toMatchObject({ Count: 3, ScannedCount: 8 });
    const limited = await query({ ...inPartition('', { ':t': true }), FilterExpression: 'even = :t', Limit: 5 });
    expect(limited).toMatchObject({ Count: 1, ScannedCount: 5 });
    expect(limited.LastEvaluatedKey).toEqual({ pk: { S: 'p' }, n: { N: '2' } });
  });

  it('filters with functions and NOT', async () => {
    const response = await query({
      ...inPartition('', { ':p': 'n1', ':two': 2 }),
      FilterExpression: 'begins_with(#l, :p) AND NOT size(#l) > :two',
      ExpressionAttributeNames: { '#l': 'label' },
    });
    expect(response.plain.map((i) => i.n)).toEqual([1]);
  });

  it('projects attributes', async () => {
    const response = await query({
      ...inPartition(' AND n = :n', { ':n': 9 }),
      ProjectionExpression: 'n, #l',
      ExpressionAttributeNames: { '#l': 'label' },
    });
    expect(response.plain).toEqual([{ n: 9, label: 'n9' }]);
  });
});

describe('paging one item at a time', () => {
  it('pages a Query and a Scan in key order, and sees a write made between pages', async () => {
    await h.client.send(new CreateTableCommand(tableInput('paged', ['pk', 'S'], ['n', 'N'])));
    await putAll(
      'paged',
      [5, 1, 4, 2, 3].map((n) => ({ pk: 'p', n })),
    );
    const seen: number[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await h.client.send(
        new QueryCommand({
          TableName: 'paged',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'p' } },
          Limit: 1,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) seen.push(Number(unmarshall(item).n));
      // A write past the current page shows on a later one: what the table holds is read anew after it.
      if (seen.length === 2) await putAll('paged', [{ pk: 'p', n: 2.5 }]);
      start = page.LastEvaluatedKey;
    } while (start);
    expect(seen).toEqual([1, 2, 2.5, 3, 4, 5]);
    const backwards = await h.client.send(
      new QueryCommand({
        TableName: 'paged',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
        ScanIndexForward: false,
      }),
    );
    expect((backwards.Items ?? []).map((item) => Number(unmarshall(item).n))).toEqual([5, 4, 3, 2.5, 2, 1]);
    // Reading backwards leaves the forward order as it was.
    const scanned = await h.client.send(new ScanCommand({ TableName: 'paged' }));
    expect((scanned.Items ?? []).map((item) => Number(unmarshall(item).n))).toEqual([1, 2, 2.5, 3, 4, 5]);
  });
});
