import type { MiddlewareObj, Request } from '@middy/core';
import { ConfigError, type ConfigFailure } from '@paramkit/parameters/config';
import { isTransientError } from '@paramkit/parameters/engine';
import { type ClientOptions, canPrefetch, createClient } from './options.js';
import { registerCache } from './registry.js';
import { sanitizeKey } from './values.js';

/** What one load gave for one internal key. */
export type KeyOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly failure: ConfigFailure };

/** Where a drop-in's values come from: paramkit providers created with the middleware's client. */
export interface ValueSource {
  /** Loads every key (from the providers' caches where fresh). Never rejects. */
  load(): Promise<ReadonlyMap<string, KeyOutcome>>;
  /** Forgets every cached value. */
  clear(): void;
}

/** A drop-in, described: its keys, client settings, and how to read values with a client. */
export interface DropInSpec<Client> {
  readonly keys: readonly string[];
  readonly cacheKey: string;
  readonly setToContext: boolean;
  readonly client: ClientOptions<Client>;
  createSource(client: Client): ValueSource;
}

/**
 * The body the three drop-ins share, with middy's documented behaviour: values fetched at INIT unless prefetch is
 * disabled (or a role is assumed), every key on `request.internal` as a promise, and with `setToContext` the
 * resolved values on `request.context` under sanitized keys. Values live in paramkit providers, which batch, cache,
 * coalesce and serve them stale through outages.
 */
export function fetchDataMiddleware<Client>(spec: DropInSpec<Client>): MiddlewareObj {
  let source: ValueSource | undefined;
  let prefetched: Promise<ReadonlyMap<string, KeyOutcome>> | undefined;
  if (canPrefetch(spec.client as ClientOptions<unknown>)) {
    source = spec.createSource(createClient(spec.client));
    prefetched = source.load();
  }
  registerCache(spec.cacheKey, () => {
    source?.clear();
    prefetched = undefined;
  });

  const nextLoad = (current: ValueSource): Promise<ReadonlyMap<string, KeyOutcome>> => {
    const early = prefetched;
    prefetched = undefined;
    if (early === undefined) return current.load();
    // As in middy, a key that failed during INIT is fetched again by the first request rather than failing it; after
    // a transient failure (a throttled cold start) that means forgetting the backoff the failure started.
    return early.then((outcomes) => {
      const failures = [...outcomes.values()].flatMap((o) => (o.ok ? [] : [o.failure]));
      if (failures.length === 0) return outcomes;
      if (failures.some((failure) => isTransientError(failure.cause))) current.clear();
      return current.load();
    });
  };

  const before = async (request: Request): Promise<void> => {
    if (source === undefined) {
      const role = spec.client.awsClientAssumeRole;
      const credentials = role === undefined ? undefined : await internalValue(request, role);
      source = spec.createSource(createClient(spec.client, credentials));
    }
    const load = nextLoad(source);
    const internal = request.internal as Record<string, unknown>;
    for (const key of spec.keys) {
      const value = load.then((outcomes) => unwrapOutcome(outcomes.get(key), key));
      // Handled here so that a key nobody awaits is no unhandled rejection; awaiting it still rejects.
      value.catch(() => {});
      internal[key] = value;
    }
    if (!spec.setToContext) return;
    const outcomes = await load;
    const failures = spec.keys.flatMap((key) => {
      const outcome = outcomes.get(key);
      return outcome?.ok === false ? [outcome.failure] : [];
    });
    if (failures.length > 0) throw new ConfigError(failures, spec.keys.length);
    const context = request.context as unknown as Record<string, unknown>;
    for (const key of spec.keys) context[sanitizeKey(key)] = unwrapOutcome(outcomes.get(key), key);
  };
  return { before };
}

function unwrapOutcome(outcome: KeyOutcome | undefined, key: string): unknown {
  if (outcome === undefined) throw new Error(`No value was loaded for '${key}'`);
  if (!outcome.ok) throw new ConfigError([outcome.failure], 1);
  return outcome.value;
}

/** `request.internal[root]` (awaited), then the dotted path below it, as middy's `getInternal` reads a role. */
async function internalValue(request: Request, path: string): Promise<unknown> {
  const [root = '', ...rest] = path.split('.');
  let value: unknown = await (request.internal as Record<string, unknown>)[root];
  for (const part of rest) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}
