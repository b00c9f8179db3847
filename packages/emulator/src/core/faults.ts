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

const RATE_KEYS = ['throttleRate', 'serverErrorRate', 'dropRate', 'latencyMs', 'times'] as const;

/** The fault rules of one emulator: add them in tests, clear them after. */
export class FaultInjector {
  #rules: ActiveRule[] = [];

  constructor(private readonly random: () => number) {}

  /** Adds a rule; returns a function that removes it. */
  add(rule: FaultRule): () => void {
    // Rules also arrive as JSON through the admin route, so their shape is checked, not assumed.
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
      throw new TypeError('A fault rule must be an object');
    }
    for (const key of ['service', 'operation'] as const) {
      if (rule[key] !== undefined && typeof rule[key] !== 'string') {
        throw new TypeError(`Fault rule option '${key}' must be a string`);
      }
    }
    for (const key of RATE_KEYS) {
      const value = rule[key];
      if (value === undefined) continue;
      const isRate = key.endsWith('Rate');
      if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (isRate && value > 1)) {
        throw new RangeError(
          `Fault rule option '${key}' must be ${isRate ? 'between 0 and 1' : 'a non-negative number'}`,
        );
      }
    }
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
      latencyMs += rule.latencyMs ?? 0;
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
