import { DynamoDBProvider as PtProvider } from '@aws-lambda-powertools/parameters/dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { useTestEmulator } from './helpers/emulator.js';

const b64 = (value: string) => Buffer.from(value).toString('base64');
/** 150 values of 10 kB: 1.5 MB, more than one `Query` page (1 MB). */
const large = Array.from({ length: 150 }, (_, i) => ({ id: 'large', sk: `k${i}`, value: 'x'.repeat(10_000) }));
const ctx = useTestEmulator({
  dynamodb: {
    tables: [
      {
        name: 'params',
        partitionKey: 'id',
        items: [
          { id: 'text', value: 'hello' },
          { id: 'json', value: '{"x":1}' },
          { id: 'number', value: 42 },
          { id: 'map', value: { k: 'v', n: 1 } },
          { id: 'list', value: ['a', 1] },
          { id: 'bool', value: true },
          { id: 'bytes', value: new Uint8Array([0x68, 0x69]) },
          { id: 'base64-bytes', value: new TextEncoder().encode(b64('s3cret')) },
          { id: 'base64', value: b64('s3cret') },
          { id: 'strings', value: new Set(['a', 'b']) },
          { id: 'empty', value: '' },
          { id: 'null', value: null },
          { id: 'no-value', other: 'x' },
        ],
      },
      {
        name: 'groups',
        partitionKey: 'id',
        sortKey: 'sk',
        items: [
          { id: 'g', sk: 'plain', value: 'x' },
          { id: 'g', sk: 'c.json', value: '{"y":2}' },
          { id: 'g', sk: 'd.binary', value: b64('hi') },
          { id: 'g', sk: 'e.JSON', value: '[1]' },
          { id: 'g', sk: 'bad.json', value: '{bad' },
          { id: 'g', sk: 'n', value: 5 },
          { id: 'g', sk: 'map.json', value: { a: 1 } },
          { id: 'g', sk: 'raw', value: new Uint8Array([1, 2]) },
          ...large,
        ],
      },
      { name: 'numbered', partitionKey: 'id', partitionKeyType: 'N', items: [{ id: 1, value: 'one' }] },
    ],
  },
});

const calls = () => ctx.emulator.requests.snapshot();
const both = (tableName: string) => {
  const options = { tableName, clientConfig: ctx.clientConfig };
  return [new PtProvider(options), new DynamoDBProvider(options)] as const;
};
/** A value (bytes as hex), or the class of the error; with the API calls made. Messages differ on purpose. */
async function outcome(call: () => Promise<unknown>) {
  ctx.emulator.requests.reset();
  const shown = (value: unknown) =>
    value instanceof Uint8Array ? `bytes:${Buffer.from(value).toString('hex')}` : value;
  try {
    const value = await call();
    const record = value !== null && typeof value === 'object' && !(value instanceof Set || Array.isArray(value));
    return {
      value:
        record && !(value instanceof Uint8Array)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v)]))
          : shown(value),
      calls: calls(),
    };
  } catch (error) {
    return { error: (error as Error).name, cause: ((error as Error).cause as Error | undefined)?.name, calls: calls() };
  }
}

describe('DynamoDBProvider side by side with Powertools', () => {
  it('get: every type of value, with every transform, gives what Powertools gives', async () => {
    const names = ['text', 'json', 'number', 'map', 'list', 'bool', 'bytes', 'base64-bytes', 'base64', 'strings'];
    for (const name of [...names, 'empty', 'null', 'no-value', 'missing']) {
      for (const transform of [undefined, 'json', 'binary', 'JSON', 'auto'] as const) {
        const [theirs, ours] = both('params');
        const options = { transform: transform as 'json' | undefined };
        const expected = await outcome(() => theirs.get(name, options));
        expect({ name, transform, ...(await outcome(() => ours.get(name, options))) }).toEqual({
          name,
          transform,
          ...expected,
        });
      }
    }
    const [, ours] = both('params');
    expect(await ours.get('number', { transform: 'json' })).toBe(42);
    expect(await ours.get('base64-bytes', { transform: 'binary' })).toBe('s3cret');
    expect(await ours.get('map')).toEqual({ k: 'v', n: 1 });
    expect(await ours.get('null')).toBeUndefined();
  });

  it('getMultiple: transforms incl. auto by suffix, with and without throwOnTransformError', async () => {
    for (const transform of [undefined, 'json', 'binary', 'auto', 'AUTO'] as const) {
      for (const throwOnTransformError of [false, true]) {
        const [theirs, ours] = both('groups');
        const options = { transform: transform as 'auto' | undefined, throwOnTransformError };
        const expected = await outcome(async () => pick(await theirs.getMultiple('g', options)));
        expect({
          transform,
          throwOnTransformError,
          ...(await outcome(async () => pick(await ours.getMultiple('g', options)))),
        }).toEqual({
          transform,
          throwOnTransformError,
          ...expected,
        });
      }
    }
    const [, ours] = both('groups');
    expect(pick(await ours.getMultiple('g', { transform: 'auto' }))).toEqual({
      plain: 'x',
      'c.json': { y: 2 },
      'd.binary': 'hi',
      'e.JSON': [1],
      'bad.json': undefined,
      n: 5,
      'map.json': { a: 1 },
      raw: new Uint8Array([1, 2]),
    });
  });

  it('getMultiple reads a partition of more than 1 MB over the same pages as Powertools', async () => {
    const [theirs, ours] = both('groups');
    const expected = await outcome(async () => Object.keys((await theirs.getMultiple('large')) ?? {}).length);
    expect(await outcome(async () => Object.keys((await ours.getMultiple('large')) ?? {}).length)).toEqual(expected);
    expect(expected).toEqual({ value: 150, calls: { Query: 2 } });
  });

  it('takes string names only: a number is a TypeError, where Powertools marshals it as a number key', async () => {
    const [theirs, ours] = both('numbered');
    expect(await theirs.get(1 as never)).toBe('one');
    await expect(ours.get(1 as never)).rejects.toThrow(new TypeError('The name must be a string, got number'));
    // A string never matches a number key, in both.
    await expect(ours.get('1')).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ValidationException' },
    });
    await expect(both('numbered')[0].get('1')).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ValidationException' },
    });
  });
});

/** The small values of partition `g` (the large ones are checked apart). */
function pick(values: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values as Record<string, unknown>).filter(([key]) => !/^k\d+$/.test(key)));
}
