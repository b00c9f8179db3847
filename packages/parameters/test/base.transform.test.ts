import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { GetMultipleOptions, GetOptions } from '../src/base/index.js';
import {
  GetParameterError,
  isGetParameterError,
  isParameterNotFoundError,
  isSetParameterError,
  isTransformParameterError,
  ParameterNotFoundError,
  SchemaValidationError,
  SetParameterError,
  TransformParameterError,
} from '../src/errors.js';
import { clearCaches, DEFAULT_PROVIDERS, Transform } from '../src/index.js';
import { MemoryProvider } from './helpers/MemoryProvider.js';

const SECRET = 's3cr3t-value-never-shown';
const utf8 = new TextEncoder();
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function provider() {
  const p = new MemoryProvider();
  p.values.set('/json', '{"a":1,"b":[true,null]}');
  p.values.set('/bad-json', `{${SECRET}`);
  p.values.set('/b64', toBase64(utf8.encode('hello ✓')));
  p.values.set('/bytes', toBase64(new Uint8Array([0xff, 0x00, 0xfe])));
  p.values.set('/not-b64', `***${SECRET}`);
  p.values.set('/raw-bytes', new Uint8Array([0x7b, 0x7d]));
  return p;
}

describe('transforms', () => {
  it('parses json, decodes binary to UTF-8 text, and leaves values alone without a transform', async () => {
    const p = provider();
    expect(await p.get('/json', { transform: Transform.JSON })).toEqual({ a: 1, b: [true, null] });
    expect(await p.get('/b64', { transform: 'binary' })).toBe('hello ✓');
    expect(await p.get('/json')).toBe('{"a":1,"b":[true,null]}');
    expect(await p.get('/raw-bytes', { transform: 'json' })).toEqual({});
  });

  it('refuses to turn non-UTF-8 bytes into text instead of losing them', async () => {
    await expect(provider().get('/bytes', { transform: 'binary' })).rejects.toThrow(/does not decode to UTF-8/);
  });

  it('never puts the value in a transform error', async () => {
    const p = provider();
    for (const [name, transform] of [
      ['/bad-json', 'json'],
      ['/not-b64', 'binary'],
    ] as const) {
      const error = await p.get(name, { transform }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransformParameterError);
      expect((error as Error).message).toContain(`Unable to transform value using '${transform}' transform`);
      expect((error as Error).message).toContain(name);
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(SECRET);
      expect(String((error as Error).cause ?? '')).not.toContain(SECRET);
    }
  });

  it('applies a transform function, caching by function identity', async () => {
    const p = provider();
    const upper = (value: string | Uint8Array) => String(value).toUpperCase();
    const length = (value: string | Uint8Array) => value.length;
    expect(await p.get('/json', { transform: upper })).toBe('{"A":1,"B":[TRUE,NULL]}');
    expect(await p.get('/json', { transform: length })).toBe(23);
    expect(await p.get('/json', { transform: upper })).toBe('{"A":1,"B":[TRUE,NULL]}');
    expect(p.calls).toHaveLength(2);
  });

  it('wraps a failing transform function without its message', async () => {
    const failing = () => {
      throw new Error(`bad ${SECRET}`);
    };
    const error = (await provider()
      .get('/json', { transform: failing })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as Error;
    expect(error).toBeInstanceOf(TransformParameterError);
    expect(error.message).toBe(
      "Unable to transform value using 'custom' transform: the transform function threw Error for '/json' (see originalError)",
    );
    // What the function threw is reachable, but neither the cause nor printed by util.inspect or JSON.stringify.
    const { originalError } = error as TransformParameterError;
    expect((originalError as Error).message).toBe(`bad ${SECRET}`);
    expect(error.cause).toBeUndefined();
    expect(Object.keys(error)).not.toContain('originalError');
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
  });

  it('names what a transform function threw by its kind only', async () => {
    const p = provider();
    for (const [thrown, kind] of [
      [SECRET, 'a string'],
      [{ secret: SECRET }, 'a non-Error object'],
      [null, 'null'],
      [Object.assign(new Error('x'), { name: SECRET }), 'Error'],
      [new RangeError(SECRET), 'RangeError'],
    ] as const) {
      const error = (await p
        .get('/json', {
          transform: () => {
            throw thrown;
          },
        })
        .catch((e: unknown) => e)) as Error;
      expect(error.message).toContain(`threw ${kind} for '/json'`);
      expect((error as TransformParameterError).originalError).toBe(thrown);
    }
  });

  it('rejects an unknown transform name', async () => {
    await expect(provider().get('/json', { transform: 'xml' as 'json' })).rejects.toThrow(/Invalid transform "xml"/);
  });

  it('getMultiple: auto picks by suffix; failures are undefined unless throwOnTransformError', async () => {
    const p = new MemoryProvider();
    p.values.set('/app/config.json', '{"on":true}');
    p.values.set('/app/key.binary', toBase64(utf8.encode('text')));
    p.values.set('/app/plain', 'as-is');
    p.values.set('/app/broken.json', 'nope');
    expect(await p.getMultiple('/app', { transform: 'auto' })).toEqual({
      'config.json': { on: true },
      'key.binary': 'text',
      plain: 'as-is',
      'broken.json': undefined,
    });
    await expect(
      p.getMultiple('/app', { transform: 'auto', throwOnTransformError: true, forceFetch: true }),
    ).rejects.toThrow(TransformParameterError);
    await expect(p.getMultiple('/app', { transform: 'json', throwOnTransformError: true })).rejects.toThrow(
      /is not valid JSON/,
    );
  });

  it('getMultiple wraps provider failures and does not cache an empty result', async () => {
    const p = new MemoryProvider();
    expect(await p.getMultiple('/none')).toEqual({});
    expect(await p.getMultiple('/none')).toEqual({});
    expect(p.calls).toHaveLength(2);
    const boom = new Error('boom');
    p.failures.push(boom);
    const error = (await p.getMultiple('/none').then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(GetParameterError);
    expect(error.message).toBe('boom');
    expect(error.cause).toBe(boom);
  });
});

describe('getMultiple results', () => {
  it('keeps a name such as __proto__ as an entry', async () => {
    const p = new MemoryProvider();
    p.values.set('/o/__proto__', 'kept');
    const result = (await p.getMultiple('/o')) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('does not answer a throwOnTransformError call with a lenient cached result', async () => {
    const p = new MemoryProvider();
    p.values.set('/t/bad', 'not json');
    expect(await p.getMultiple('/t', { transform: 'json' })).toEqual({ bad: undefined });
    await expect(p.getMultiple('/t', { transform: 'json', throwOnTransformError: true })).rejects.toThrow(
      TransformParameterError,
    );
  });
});

describe('schemas', () => {
  const Config = z.object({ a: z.number(), b: z.array(z.boolean().nullable()) });

  it('validates after the transform and returns the schema output', async () => {
    const p = provider();
    const Coerced = z.object({ a: z.number().transform((n) => n * 10) });
    expect(await p.get('/json', { transform: 'json', schema: Config })).toEqual({ a: 1, b: [true, null] });
    expect(await p.get('/json', { transform: 'json', schema: Coerced })).toEqual({ a: 10 });
  });

  it('throws a SchemaValidationError naming the parameter and path, never the value', async () => {
    const p = provider();
    p.values.set('/wrong', JSON.stringify({ a: SECRET, b: [] }));
    const error = await p.get('/wrong', { transform: 'json', schema: Config }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaValidationError);
    expect(error).toBeInstanceOf(TransformParameterError);
    expect((error as Error).message).toMatch(/'\/wrong'.*at a/);
    // JSON.stringify leaves out an Error's message (not enumerable): check the message and the cause themselves.
    expect((error as Error).message).not.toContain(SECRET);
    expect(String((error as Error).cause ?? '')).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect((error as SchemaValidationError).issues[0]?.path).toEqual(['a']);
  });

  it('wraps a validator that throws, keeping its error out of the cause chain', async () => {
    const p = provider();
    const bug = new TypeError(`cannot read ${SECRET}`);
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'x',
        validate: () => {
          throw bug;
        },
      },
    };
    const error = (await p.get('/json', { transform: 'json', schema }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TransformParameterError);
    expect(error.message).toBe(
      "Unable to transform value using 'schema' transform: the schema's validate threw TypeError for '/json' (see originalError)",
    );
    expect((error as TransformParameterError).originalError).toBe(bug);
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
  });

  it('supports async validators and rejects objects that are not Standard Schemas', async () => {
    const p = provider();
    const asyncSchema = {
      '~standard': { version: 1, vendor: 'test', validate: async (v: unknown) => ({ value: { wrapped: v } }) },
    } as const;
    expect(await p.get('/json', { schema: asyncSchema })).toEqual({ wrapped: '{"a":1,"b":[true,null]}' });
    await expect(p.get('/json', { schema: {} as typeof asyncSchema })).rejects.toThrow(/Standard Schema/);
  });

  it('applies a schema to every getMultiple value', async () => {
    const p = new MemoryProvider();
    p.values.set('/n/a', '1');
    p.values.set('/n/b', '"x"');
    const result = await p.getMultiple('/n', { transform: 'json', schema: z.number() });
    expect(result).toEqual({ a: 1, b: undefined });
    await expect(
      p.getMultiple('/n', { transform: 'json', schema: z.number(), throwOnTransformError: true }),
    ).rejects.toThrow(SchemaValidationError);
  });
});

describe('errors and missing values', () => {
  it('throwOnMissing turns a missing value into ParameterNotFoundError', async () => {
    const p = provider();
    await expect(p.get('/nope', { throwOnMissing: true })).rejects.toThrow(ParameterNotFoundError);
    await expect(p.get('/nope', { throwOnMissing: true })).rejects.toThrow('Parameter /nope not found in the store');
  });

  it('wraps provider failures in GetParameterError with the original as cause', async () => {
    const p = provider();
    const original = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    p.failures.push(original);
    const error = (await p.get('/json').then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(GetParameterError);
    expect(error.message).toContain('denied');
    expect(error.cause).toBe(original);
  });

  it('guards recognise errors by name, across package copies', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ParameterNotFoundError' });
    expect(isParameterNotFoundError(foreign)).toBe(true);
    expect(isGetParameterError(foreign)).toBe(true);
    expect(isGetParameterError(new GetParameterError('x'))).toBe(true);
    expect(isTransformParameterError(new TransformParameterError('json', 'x'))).toBe(true);
    expect(isSetParameterError(new SetParameterError('x', { cause: 1 }))).toBe(true);
    expect(isGetParameterError('nope')).toBe(false);
  });
});

describe('defaults and shared providers', () => {
  it('GetOptions and GetMultipleOptions resolve the defaults', () => {
    expect(new GetOptions()).toMatchObject({ maxAge: 5, forceFetch: false, throwOnMissing: false });
    expect(new GetOptions({ transform: 'JSON' as 'json', maxAge: 1 })).toMatchObject({ transform: 'json', maxAge: 1 });
    expect(new GetMultipleOptions({ transform: 'auto' })).toMatchObject({
      transform: 'auto',
      throwOnTransformError: false,
    });
  });

  it('clearCaches clears every default provider', async () => {
    const p = provider();
    DEFAULT_PROVIDERS.memory = p;
    await p.get('/json');
    clearCaches();
    await p.get('/json');
    expect(p.calls).toHaveLength(2);
    delete DEFAULT_PROVIDERS.memory;
  });
});
