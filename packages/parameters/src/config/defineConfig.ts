import { writeEnv } from './env.js';
import { ConfigError } from './errors.js';
import { type LoadResult, type LoadState, loadAll } from './load.js';
import { type Plan, type PlannedEntry, planConfig } from './plan.js';
import type {
  ConfigEntries,
  ConfigEntryDescription,
  ConfigOptions,
  ConfigResult,
  ConfigValues,
  EntrySpec,
  GetConfigOptions,
  ToEnvOptions,
} from './types.js';

/** What `get()` resolves to for a declaration whose `throwOnError` is `Throws`. */
export type ConfigOutput<Entries extends ConfigEntries, Throws extends boolean> = Throws extends false
  ? ConfigResult<ConfigValues<Entries>>
  : ConfigValues<Entries>;

/** A declared configuration: load it (`get`), start loading early (`prefetch`), export it (`toEnv`), list it (`describe`). */
export interface Config<Entries extends ConfigEntries = ConfigEntries, Throws extends boolean = true> {
  /**
   * Loads every entry (cached values from the providers' caches, the rest in the fewest calls) and resolves to the
   * typed values; rejects with one `ConfigError` naming every entry that failed, or with `throwOnError: false`
   * resolves to `{ values, failures }`. Concurrent calls share one load; the first call after `prefetch()` awaits it.
   */
  get(options: { throwOnError: false }): Promise<ConfigResult<ConfigValues<Entries>>>;
  get(options: { throwOnError: true }): Promise<ConfigValues<Entries>>;
  get(options: { throwOnError: boolean }): Promise<ConfigOutput<Entries, boolean>>;
  get(options?: GetConfigOptions): Promise<ConfigOutput<Entries, Throws>>;
  /**
   * Starts loading now, for module scope (Lambda INIT). Never throws and never leaves an unhandled rejection: a
   * failure reaches the first `get()`, which then loads the failed entries again.
   */
  prefetch(): this;
  /**
   * Loads the values and writes them to `process.env` (or `options.env`) under their `envName`s; resolves to the
   * names written. Values are never printed or logged.
   */
  toEnv(options?: ToEnvOptions): Promise<readonly string[]>;
  /** The declared entries, without fetching anything. */
  describe(): readonly ConfigEntryDescription[];
  /** The entries as declared. */
  readonly entries: Entries;
}

/** `Throws` of a declaration's options: `boolean` when `throwOnError` is a `boolean` known only at run time. */
export type ThrowsOf<Options> = Options extends { throwOnError: false }
  ? false
  : Options extends { throwOnError: true }
    ? true
    : Options extends { throwOnError: boolean }
      ? boolean
      : true;

/**
 * Declares everything a function needs, across services, once: values are typed by their entries, loaded together
 * in the fewest calls, and cached, coalesced and served stale through outages by the providers.
 *
 * @example
 * ```ts
 * import { appConfig, defineConfig, secret, ssm } from '@paramkit/parameters/config';
 *
 * export const config = defineConfig(
 *   {
 *     dbUrl: ssm('/app/db-url'),
 *     apiKey: secret('app/api-key'),
 *     flags: appConfig({ application: 'shop', environment: 'prod', profile: 'flags' }, { transform: 'json' }),
 *     region: ssm('/app/region').optional(),
 *   },
 *   { maxAge: 300 },
 * ).prefetch();
 *
 * export const handler = async () => {
 *   const { dbUrl, region } = await config.get(); // string, string | undefined
 *   return { dbUrl: dbUrl.length, region };
 * };
 * ```
 */
export function defineConfig<const Entries extends ConfigEntries, const Options extends ConfigOptions = ConfigOptions>(
  entries: Entries,
  options?: Options,
): Config<Entries, ThrowsOf<Options>> {
  return new DeclaredConfig(entries, planConfig(entries, options)) as unknown as Config<Entries, ThrowsOf<Options>>;
}

/** `describe().sensitive`: as declared, else what the service implies (an SSM parameter's type is not known yet). */
function sensitivityOf(spec: EntrySpec): boolean | undefined {
  if (spec.options.sensitive !== undefined) return spec.options.sensitive;
  if (spec.service === 'secrets') return true;
  return spec.service === 'ssm' ? undefined : false;
}

/** A load `prefetch()` started, and its result once it has one. */
interface Prefetch {
  readonly load: Promise<LoadResult>;
  result: LoadResult | undefined;
}

class DeclaredConfig {
  readonly entries: ConfigEntries;
  readonly #plan: Plan;
  readonly #state: LoadState;
  #pending: Promise<LoadResult> | undefined;
  #prefetched: Prefetch | undefined;
  readonly #written = new WeakMap<object, Set<string>>();
  #description: readonly ConfigEntryDescription[] | undefined;

  constructor(entries: ConfigEntries, plan: Plan) {
    this.entries = entries;
    this.#plan = plan;
    this.#state = { secrets: { batchDenied: false }, missingUntil: new Map(), now: plan.now };
    if (plan.prefetch) this.prefetch();
  }

  async get(options?: GetConfigOptions): Promise<unknown> {
    const throwOnError = options?.throwOnError ?? this.#plan.throwOnError;
    const result = await this.#result();
    if (!throwOnError) return { values: { ...result.values }, failures: result.failures };
    if (result.failures.length > 0) throw new ConfigError(result.failures, this.#plan.entries.length);
    return { ...result.values };
  }

  prefetch(): this {
    if (this.#prefetched === undefined) {
      const prefetch: Prefetch = { load: this.#pending ?? this.#start(), result: undefined };
      const done = (result: LoadResult) => {
        prefetch.result = result;
      };
      prefetch.load.then(done, () => undefined);
      this.#prefetched = prefetch;
    }
    return this;
  }

  async toEnv(options: ToEnvOptions = {}): Promise<readonly string[]> {
    const result = await this.#result();
    if (result.failures.length > 0 && this.#plan.throwOnError) {
      throw new ConfigError(result.failures, this.#plan.entries.length);
    }
    const target = options.env ?? process.env;
    let own = this.#written.get(target);
    if (own === undefined) {
      own = new Set();
      this.#written.set(target, own);
    }
    return writeEnv(this.#plan.entries, result.values, options, own);
  }

  describe(): readonly ConfigEntryDescription[] {
    this.#description ??= Object.freeze(
      this.#plan.entries.map(({ key, spec, envName }) =>
        Object.freeze({
          key,
          service: spec.service,
          name: spec.name,
          optional: spec.optional,
          envName,
          sensitive: sensitivityOf(spec),
        }),
      ),
    );
    return this.#description;
  }

  /**
   * The shared load, or the first one after `prefetch()`. A prefetch still in flight is awaited (and callers that come
   * meanwhile share that wait); its failed entries are then loaded again, as `prefetch` promises, even while a
   * throttled cold start has them backing off. A prefetch that has already finished only filled the providers'
   * caches: the values are read from them again, so none is older than its `maxAge`.
   */
  #result(): Promise<LoadResult> {
    const prefetch = this.#prefetched;
    if (prefetch === undefined) return this.#pending ?? this.#start();
    this.#prefetched = undefined;
    if (prefetch.result !== undefined) return this.#start(this.#failedEntries(prefetch.result));
    return this.#track(
      prefetch.load.then((result) =>
        result.failures.length === 0 ? result : loadAll(this.#plan, this.#state, this.#failedEntries(result)),
      ),
    );
  }

  #failedEntries(result: LoadResult): Set<PlannedEntry> {
    const failed = new Set(result.failures.map((failure) => failure.key));
    return new Set(this.#plan.entries.filter((entry) => failed.has(entry.key)));
  }

  #start(retry?: ReadonlySet<PlannedEntry>): Promise<LoadResult> {
    return this.#track(loadAll(this.#plan, this.#state, retry));
  }

  /** Makes `pending` the load that callers share until it settles. */
  #track(pending: Promise<LoadResult>): Promise<LoadResult> {
    this.#pending = pending;
    const settle = () => {
      if (this.#pending === pending) this.#pending = undefined;
    };
    // loadAll never rejects; the handler is there so that even a bug could not become an unhandled rejection.
    pending.then(settle, settle);
    return pending;
  }
}
