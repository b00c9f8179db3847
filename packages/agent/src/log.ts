import type { LogLevel } from './config/types.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, none: 100 };

/** Where log lines go; `process.stderr` satisfies it. */
export interface LogSink {
  write(line: string): unknown;
}

/** Fields of a log line. Callers pass names, counts and statuses, never a secret value or the token. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * A structured logger: one JSON object a line (`time`, `level`, `msg`, then the fields), on stderr by default.
 *
 * @example
 * ```ts
 * const log = new Logger('info');
 * log.info('listening', { port: 2773 });
 * if (log.enabled('debug')) log.debug('request', { path: '/ping', status: 200 });
 * ```
 */
export class Logger {
  readonly #threshold: number;

  constructor(
    readonly level: LogLevel,
    readonly sink: LogSink = process.stderr,
  ) {
    this.#threshold = RANK[level];
  }

  /** Whether lines of `level` are written; check it before building fields on a hot path. */
  enabled(level: Exclude<LogLevel, 'none'>): boolean {
    return RANK[level] >= this.#threshold;
  }

  debug(msg: string, fields?: LogFields): void {
    this.#write('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.#write('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.#write('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.#write('error', msg, fields);
  }

  #write(level: Exclude<LogLevel, 'none'>, msg: string, fields: LogFields | undefined): void {
    if (RANK[level] < this.#threshold) return;
    const line = { time: new Date().toISOString(), level, msg, ...fields };
    this.sink.write(`${JSON.stringify(line)}\n`);
  }
}
