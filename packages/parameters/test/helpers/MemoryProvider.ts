import { BaseProvider } from '../../src/base/BaseProvider.js';
import type { BaseProviderConstructorOptions } from '../../src/types/BaseProvider.js';

/** A provider over an in-memory record, with a fake clock, call counts and scripted failures. */
export class MemoryProvider extends BaseProvider {
  readonly values = new Map<string, string | Uint8Array>();
  readonly calls: string[] = [];
  failures: unknown[] = [];
  /** Resolves pending fetches when called; fetches wait for it while `hold` is set. */
  hold: Promise<void> | undefined;

  constructor(options: BaseProviderConstructorOptions = {}) {
    super(options);
  }

  protected async _get(name: string): Promise<string | Uint8Array | undefined> {
    this.calls.push(name);
    this.countApiCalls(1);
    if (this.hold) await this.hold;
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    return this.values.get(name);
  }

  protected async _getMultiple(path: string): Promise<Record<string, string | Uint8Array>> {
    this.calls.push(`multiple:${path}`);
    this.countApiCalls(1);
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    const entries: [string, string | Uint8Array][] = [];
    for (const [name, value] of this.values) {
      if (name.startsWith(path)) entries.push([name.slice(path.length).replace(/^\//, ''), value]);
    }
    return Object.fromEntries(entries);
  }
}

/** A clock tests move by hand. */
export function fakeClock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

/** An error shaped like an AWS SDK service error. */
export function sdkError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} from the service`), { name, $metadata: { httpStatusCode: status } });
}
