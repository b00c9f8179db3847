/** Backoff after transient failures of a key's fetch: the n-th failure in a row waits `baseMs · factor^(n−1)`. */
export interface BackoffOptions {
  /** Wait after the first failure, in ms. @default 1000 */
  baseMs?: number;
  /** Growth of the wait with each further failure. @default 2 */
  factor?: number;
  /** Longest wait, in ms. @default 60000 */
  capMs?: number;
  /** Each wait is stretched by a random share up to this (0 to 1), so keys and containers spread out. @default 0.5 */
  jitter?: number;
}

/** Name and variant of a cached value, as data: the variant is compared whole, never split. */
export interface CacheKey {
  readonly name: string;
  readonly variant: string;
}

/** Options of a `CacheEngine`; every one has a default. */
export interface EngineOptions {
  /** Most entries held; the least recently used goes first. @default 1000 */
  maxEntries?: number;
  /** How long past its `maxAge` a value is still served when a refresh fails transiently, in seconds. @default 300 */
  staleIfErrorSeconds?: number;
  /**
   * Share of `maxAge` (between 0 and 1) after which a hit starts one background refresh while it returns the cached
   * value, so readers never wait for an expiry. Off by default.
   */
  refreshAhead?: number;
  /**
   * How long a read that has an expired value to fall back on waits for the refresh before it is answered with that
   * value (the refresh goes on in the background), in ms. `Infinity` waits for the refresh. @default 250
   */
  staleAnswerMs?: number;
  /** Backoff after transient failures; `false` retries on every read. @default { baseMs: 1000, factor: 2, capMs: 60000, jitter: 0.5 } */
  backoff?: BackoffOptions | false;
  /** Clock in ms, for tests. @default Date.now */
  now?: () => number;
  /** Random source in [0, 1), for the backoff's jitter. @default Math.random */
  random?: () => number;
  /** Told of every failure of a background refresh (they never reach a caller), e.g. to log it. */
  onBackgroundError?: (error: unknown, key: CacheKey) => void;
}

/** Engine options with every default applied. */
export interface ResolvedEngineOptions {
  maxEntries: number;
  staleMs: number;
  /** 1 when refresh-ahead is off: no fresh entry is ever past its whole `maxAge`. */
  refreshAhead: number;
  staleAnswerMs: number;
  backoff: Required<BackoffOptions> | undefined;
  now: () => number;
  random: () => number;
  onBackgroundError: ((error: unknown, key: CacheKey) => void) | undefined;
}

export const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = /* @__PURE__ */ Object.freeze({
  baseMs: 1000,
  factor: 2,
  capMs: 60_000,
  jitter: 0.5,
});
export const DEFAULT_STALE_ANSWER_MS = 250;
const DEFAULT_MAX_ENTRIES = 1000;
/** The longest delay a Node.js timer takes. */
const MAX_TIMER_MS = 2_147_483_647;
const DEFAULT_STALE_SECONDS = 300;

/**
 * The default clock. `Date.now` is looked up on each call rather than captured, so fake timers installed after an
 * engine was created (`vi.useFakeTimers()`) still move its cache.
 */
export const readSystemClock = (): number => Date.now();
const readRandom = (): number => Math.random();

/** Options objects this module resolved, which may be handed on (to an engine) without resolving them again. */
const resolvedOptions = new WeakSet<object>();

/** How a bad option value is shown in an error: a string is quoted, so that `'100'` is not read as `100`. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? `the string '${value}'` : String(value);
}

function check(ok: boolean, option: string, expected: string, value: unknown): void {
  if (!ok) throw new RangeError(`${option} must be ${expected}, got ${shown(value)}`);
}

/** A number option that must be `>= 0`, returned when it is; `expected` says what it must be in the error. */
function nonNegative(value: number, option: string, expected = 'a non-negative number'): number {
  check(typeof value === 'number' && value >= 0, option, expected, value);
  return value;
}

/**
 * Validates a refresh-ahead share and returns it (1 for off).
 *
 * @example
 * ```ts
 * resolveRefreshAhead(0.8, 'refreshAhead'); // 0.8
 * ```
 */
export function resolveRefreshAhead(share: unknown, option = 'refreshAhead'): number {
  if (share === undefined) return 1;
  check(typeof share === 'number' && share > 0 && share < 1, option, 'a number between 0 and 1 (exclusive)', share);
  return share as number;
}

function resolveBackoff(backoff: BackoffOptions | false | undefined): Required<BackoffOptions> | undefined {
  if (backoff === false) return undefined;
  if (backoff !== undefined && (backoff === null || typeof backoff !== 'object' || Array.isArray(backoff))) {
    throw new TypeError('backoff must be an object of options or false');
  }
  const unknown = Object.keys(backoff ?? {}).find((key) => !Object.hasOwn(DEFAULT_BACKOFF, key));
  if (unknown !== undefined) {
    throw new TypeError(`backoff has no option '${unknown}' (it takes baseMs, factor, capMs and jitter)`);
  }
  const resolved = { ...DEFAULT_BACKOFF, ...stripUndefined(backoff ?? {}) };
  const { baseMs, factor, capMs, jitter } = resolved;
  check(typeof baseMs === 'number' && baseMs > 0 && baseMs < Infinity, 'backoff.baseMs', 'a positive number', baseMs);
  check(typeof factor === 'number' && factor >= 1 && factor < Infinity, 'backoff.factor', 'a number ≥ 1', factor);
  check(typeof capMs === 'number' && capMs >= baseMs && capMs < Infinity, 'backoff.capMs', 'a number ≥ baseMs', capMs);
  check(typeof jitter === 'number' && jitter >= 0 && jitter <= 1, 'backoff.jitter', 'a number from 0 to 1', jitter);
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}

/**
 * The checks of `resolveEngineOptions`, installed by the engine's public entry (`withCheckedOptions`). An engine
 * made inside the library is handed options already resolved (or none), so a bundle that never hands an engine
 * options of its own holds none of the checks.
 */
const optionChecks: { resolve?: (options: EngineOptions) => ResolvedEngineOptions } = {};

/** The defaults, which need no checks. */
export function defaultEngineOptions(): ResolvedEngineOptions {
  const resolved: ResolvedEngineOptions = {
    maxEntries: DEFAULT_MAX_ENTRIES,
    staleMs: DEFAULT_STALE_SECONDS * 1000,
    refreshAhead: 1,
    staleAnswerMs: DEFAULT_STALE_ANSWER_MS,
    backoff: { ...DEFAULT_BACKOFF },
    now: readSystemClock,
    random: readRandom,
    onBackgroundError: undefined,
  };
  resolvedOptions.add(resolved);
  return resolved;
}

/**
 * The options an engine runs with: resolved ones as they are, the defaults when none are set, and any others
 * through the checks of `resolveEngineOptions` (which the engine's public entry installs).
 */
export function engineOptionsOf(options: EngineOptions | ResolvedEngineOptions): ResolvedEngineOptions {
  if (resolvedOptions.has(options)) return options as ResolvedEngineOptions;
  if (optionChecks.resolve !== undefined) return optionChecks.resolve(options as EngineOptions);
  if (Object.values(options).every((value) => value === undefined)) return defaultEngineOptions();
  throw new TypeError('CacheEngine options are checked by @paramkit/parameters/engine: import CacheEngine from there');
}

/** Installs the option checks for engines made with options of their own, and returns the engine class. */
export function withCheckedOptions<T>(engineClass: T): T {
  optionChecks.resolve = resolveNew;
  return engineClass;
}

/**
 * Resolves engine options in one place, once, so that nothing is parsed on the hot path.
 *
 * @example
 * ```ts
 * const resolved = resolveEngineOptions({ refreshAhead: 0.8 });
 * ```
 */
export function resolveEngineOptions(options: EngineOptions | ResolvedEngineOptions = {}): ResolvedEngineOptions {
  if (resolvedOptions.has(options)) return options as ResolvedEngineOptions;
  return resolveNew(options as EngineOptions);
}

function resolveNew(options: EngineOptions): ResolvedEngineOptions {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError(`maxEntries must be a non-negative integer, got ${String(maxEntries)}`);
  }
  const staleSeconds = nonNegative(
    options.staleIfErrorSeconds ?? DEFAULT_STALE_SECONDS,
    'staleIfErrorSeconds',
    'a non-negative number of seconds',
  );
  const staleAnswerMs = nonNegative(options.staleAnswerMs ?? DEFAULT_STALE_ANSWER_MS, 'staleAnswerMs');
  // A timer cannot wait longer (Node.js would fire it at once): waiting for the refresh is `Infinity`.
  check(
    staleAnswerMs <= MAX_TIMER_MS || staleAnswerMs === Infinity,
    'staleAnswerMs',
    `at most ${MAX_TIMER_MS} ms, or Infinity to wait for the refresh`,
    staleAnswerMs,
  );
  const now = options.now ?? readSystemClock;
  if (typeof now !== 'function') throw new TypeError('now must be a function returning milliseconds');
  const random = options.random ?? readRandom;
  if (typeof random !== 'function') throw new TypeError('random must be a function returning a number in [0, 1)');
  const { onBackgroundError } = options;
  if (onBackgroundError !== undefined && typeof onBackgroundError !== 'function') {
    throw new TypeError('onBackgroundError must be a function (error, key) => void');
  }
  const resolved: ResolvedEngineOptions = {
    maxEntries,
    staleMs: staleSeconds * 1000,
    refreshAhead: resolveRefreshAhead(options.refreshAhead),
    staleAnswerMs,
    backoff: resolveBackoff(options.backoff),
    now,
    random,
    onBackgroundError,
  };
  resolvedOptions.add(resolved);
  return resolved;
}
