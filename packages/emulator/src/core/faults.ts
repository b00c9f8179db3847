/** How requests that match a rule misbehave. Rates are shares in [0, 1]; 1 means every matching request. */
export interface FaultRule {
  /** Service name (`ssm`, `secretsmanager`, ...); every service when omitted. */
  service?: string;
  /** AWS operation name (`GetParameter`, ...); every operation when omitted. */
  operation?: string;
  /** Latency added before answering, in milliseconds. */
  latencyMs?: number;
  /** Share of requests answered with `ThrottlingException` (HTTP 400). */
  throttleRate?: number;
  /** Share of requests answered with an internal server error (HTTP 500). */
  serverErrorRate?: number;
  /** Share of requests whose connection is dropped without an answer. */
  dropRate?: number;
  /** The rule applies to this many matching requests, then removes itself; unlimited when omitted. */
  times?: number;
}

/** What the emulator does with one request after the fault rules had their say. */
export type FaultOutcome =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'throttle' | 'serverError' | 'drop'; latencyMs: number };

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** The largest delay `setTimeout` honours; above it Node fires after 1 ms instead. */
const MAX_LATENCY_MS = 2 ** 31 - 1;
const RULE_KEYS = [
  'service',
  'operation',
  'latencyMs',
  'throttleRate',
  'serverErrorRate',
  'dropRate',
  'times',
] as const satisfies readonly (keyof FaultRule)[];
const RATE_KEYS = ['throttleRate', 'serverErrorRate', 'dropRate'] as const;

/** The fault rules of one emulator: add them in tests, clear them after. */
export class FaultInjector {
  #rules: ActiveRule[] = [];

  /**
   * @param random the source of fault rates.
   * @param services the names of the services a rule may name; any name when omitted.
   */
  constructor(
    private readonly random: () => number,
    private readonly services: () => readonly string[] = () => [],
  ) {}

  /** Adds a rule; returns a function that removes it. Throws a `TypeError`/`RangeError` naming a bad option. */
  add(rule: FaultRule): () => void {
    checkRule(rule, this.services());
    const active: ActiveRule = { rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.#rules.push(active);
    return () => {
      this.#rules = this.#rules.filter((r) => r !== active);
    };
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The rules in force, as copies. */
  list(): FaultRule[] {
    return this.#rules.map((r) => ({ ...r.rule }));
  }

  /** Decides what happens to one request of `service`/`operation`. */
  decide(service: string, operation: string): FaultOutcome {
    let latencyMs = 0;
    let kind: FaultOutcome['kind'] = 'none';
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.service !== undefined && rule.service !== service) continue;
      if (rule.operation !== undefined && rule.operation !== operation) continue;
      if (active.remaining <= 0) continue;
      active.remaining -= 1;
      // Summed latencies are capped too, or two long rules would wrap around to 1 ms.
      latencyMs = Math.min(latencyMs + (rule.latencyMs ?? 0), MAX_LATENCY_MS);
      if (kind !== 'none') continue;
      if (this.#hit(rule.dropRate)) kind = 'drop';
      else if (this.#hit(rule.throttleRate)) kind = 'throttle';
      else if (this.#hit(rule.serverErrorRate)) kind = 'serverError';
    }
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    return { kind, latencyMs };
  }

  #hit(rate: number | undefined): boolean {
    if (rate === undefined || rate <= 0) return false;
    return rate >= 1 || this.random() < rate;
  }
}

/** Checks a rule's shape and ranges: rules also arrive as JSON through the admin route, so nothing is assumed. */
function checkRule(rule: FaultRule, services: readonly string[]): void {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    throw new TypeError('A fault rule must be an object');
  }
  for (const key of Object.keys(rule)) {
    if (!(RULE_KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`Unknown fault rule option '${key}'; expected one of: ${RULE_KEYS.join(', ')}`);
    }
  }
  for (const key of ['service', 'operation'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') {
      throw new TypeError(`Fault rule option '${key}' must be a string`);
    }
  }
  if (rule.service !== undefined && services.length > 0 && !services.includes(rule.service)) {
    throw new RangeError(`Fault rule option 'service' must be one of: ${services.join(', ')}`);
  }
  for (const key of RATE_KEYS) {
    const value: unknown = rule[key];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) {
      throw new RangeError(`Fault rule option '${key}' must be a number from 0 to 1`);
    }
  }
  if (rule.latencyMs !== undefined && !isWholeNumber(rule.latencyMs, 0, MAX_LATENCY_MS)) {
    throw new RangeError(
      `Fault rule option 'latencyMs' must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}`,
    );
  }
  if (rule.times !== undefined && !isWholeNumber(rule.times, 1, Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Fault rule option 'times' must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`);
  }
}

function isWholeNumber(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
