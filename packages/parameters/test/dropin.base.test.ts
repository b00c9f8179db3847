import { BaseProvider as PtBaseProvider } from '@aws-lambda-powertools/parameters/base';
import { describe, expect, it } from 'vitest';
import { BaseProvider } from '../src/base/index.js';

// A provider of one's own, written once against each library's BaseProvider: the subclass contract and the
// observable behaviour match wherever Powertools is right.
function pair(values: Record<string, unknown>, failWith?: Error) {
  const answer = async (name: string) => {
    if (failWith) throw failWith;
    return values[name];
  };
  const answerMany = async (path: string) => {
    if (failWith) throw failWith;
    return Object.fromEntries(Object.entries(values).filter(([name]) => name.startsWith(path)));
  };
  class Ours extends BaseProvider {
    constructor() {
      super({});
    }
    protected _get(name: string) {
      return answer(name);
    }
    protected _getMultiple(path: string) {
      return answerMany(path) as Promise<Record<string, unknown>>;
    }
  }
  class Theirs extends PtBaseProvider {
    constructor() {
      super({});
    }
    protected _get(name: string) {
      return answer(name);
    }
    protected _getMultiple(path: string) {
      return answerMany(path) as Promise<Record<string, unknown>>;
    }
  }
  return { ours: new Ours(), theirs: new Theirs() };
}

async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await call() };
  } catch (error) {
    const e = error as Error;
    return { error: e.name, message: e.message, cause: (e.cause as Error | undefined)?.message };
  }
}

/** Both libraries give `expected`, not only the same thing as each other. */
async function same(
  call: (provider: ReturnType<typeof pair>['ours']) => Promise<unknown>,
  values: Record<string, unknown>,
  expected: unknown,
  failWith?: Error,
) {
  const { ours, theirs } = pair(values, failWith);
  expect(await outcome(() => call(ours))).toEqual(expected);
  expect(await outcome(() => call(theirs as unknown as typeof ours))).toEqual(expected);
}

describe('drop-in: a BaseProvider subclass', () => {
  it('returns the same values, with and without transforms, and undefined for a missing one', async () => {
    const values = { a: 'x', 'j.json': '{"k":[1]}', b64: Buffer.from('hi').toString('base64') };
    await same((p) => p.get('a'), values, { value: 'x' });
    await same((p) => p.get('j.json', { transform: 'json' }), values, { value: { k: [1] } });
    await same((p) => p.get('b64', { transform: 'binary' }), values, { value: 'hi' });
    await same((p) => p.get('missing'), values, { value: undefined });
    await same((p) => p.getMultiple('', { transform: 'auto' }), values, {
      value: { a: 'x', 'j.json': { k: [1] }, b64: values.b64 },
    });
  });

  it('wraps a failing _get or _getMultiple in GetParameterError with the same message and cause', async () => {
    const failing = new Error('Some error.');
    const wrapped = { error: 'GetParameterError', message: 'Some error.', cause: 'Some error.' };
    await same((p) => p.get('a'), {}, wrapped, failing);
    await same((p) => p.getMultiple('a'), {}, wrapped, failing);
    await same((p) => p.get('a', { throwOnMissing: true }), {}, wrapped, failing);
  });

  it('throws ParameterNotFoundError with the same message for throwOnMissing', async () => {
    await same(
      (p) => p.get('nope', { throwOnMissing: true }),
      {},
      {
        error: 'ParameterNotFoundError',
        message: 'Parameter nope not found in the store',
        cause: undefined,
      },
    );
  });

  it('serves values seeded with addToCache, and reports expiry alike', async () => {
    const { ours, theirs } = pair({});
    for (const provider of [ours, theirs]) provider.addToCache(['seeded', undefined].toString(), 'cached', 60);
    // Compared with Powertools and with the values themselves: two libraries that both missed would also agree.
    expect(await ours.get('seeded')).toBe(await theirs.get('seeded'));
    expect(await ours.get('seeded')).toBe('cached');
    expect(ours.hasKeyExpiredInCache('seeded,')).toBe(theirs.hasKeyExpiredInCache('seeded,'));
    expect(ours.hasKeyExpiredInCache('seeded,')).toBe(false);
    expect(ours.hasKeyExpiredInCache('other,')).toBe(theirs.hasKeyExpiredInCache('other,'));
    expect(ours.hasKeyExpiredInCache('other,')).toBe(true);
  });

  it('follows Powertools’ key forms: a bare name is not the key of get(name), and name,json is', async () => {
    const { ours, theirs } = pair({ k: 'fetched', j: '{"a":1}' });
    const observe = async (provider: typeof ours | typeof theirs) => {
      provider.addToCache('k', 'bare', 60);
      provider.addToCache('j,json', { a: 'cached' }, 60);
      const seen = [provider.hasKeyExpiredInCache('k'), provider.hasKeyExpiredInCache('k,')];
      const values = [await provider.get('k'), await provider.get('j', { transform: 'json' })];
      seen.push(provider.hasKeyExpiredInCache('k'), provider.hasKeyExpiredInCache('k,'));
      return { seen, values };
    };
    const expected = { seen: [false, true, false, false], values: ['fetched', { a: 'cached' }] };
    expect(await observe(ours)).toEqual(expected);
    expect(await observe(theirs)).toEqual(expected);
  });
});

describe("a provider of one's own with a client field, as Powertools' docs write it", () => {
  class Vault {
    readonly reads: string[] = [];
    async read(name: string): Promise<string> {
      this.reads.push(name);
      return `secret of ${name}`;
    }
  }
  const makeProvider = (Base: typeof BaseProvider | typeof PtBaseProvider) => {
    class VaultProvider extends (Base as typeof BaseProvider) {
      public override client: Vault;
      constructor() {
        super({});
        this.client = new Vault();
      }
      protected async _get(name: string) {
        return this.client.read(name);
      }
      protected async _getMultiple() {
        return {};
      }
    }
    return new VaultProvider();
  };

  it('reads through its own client and caches, in both libraries', async () => {
    for (const provider of [makeProvider(BaseProvider), makeProvider(PtBaseProvider)]) {
      expect(await provider.get('db')).toBe('secret of db');
      expect(await provider.get('db')).toBe('secret of db');
      expect(provider.client.reads).toEqual(['db']);
    }
  });
});
