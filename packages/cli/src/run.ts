import { withoutAnswerText } from '@paramkit/parameters/errors';
import type { Command } from 'commander';
import { Context } from './context.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { globalOptions } from './globalOptions.js';
import type { CliIo } from './io.js';
import type { Redactor } from './redact.js';

/** A verb's implementation: gets the context and its own arguments, returns the exit code. */
export type Handler<Args extends unknown[]> = (context: Context, ...args: Args) => Promise<number>;

/** What a command's action reports back to `runCli`. */
export interface RunState {
  exitCode: number;
}

/** Turns a handler into a commander action: builds the context, reports errors, records the exit code. */
export function actionFor<Args extends unknown[]>(io: CliIo, state: RunState, handler: Handler<Args>) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const context = new Context(io, globalOptions(command));
    try {
      state.exitCode = await handler(context, ...(received.slice(0, -1) as Args));
    } catch (error) {
      state.exitCode = reportError(io, context.redactor, error);
    } finally {
      context.close();
    }
  };
}

/** Prints an error as `paramkit: message` with its causes, masked; returns its exit code. */
export function reportError(io: CliIo, redactor: Redactor, thrown: unknown): number {
  const error = unwrapped(thrown);
  const lines = [`paramkit: ${describeError(error)}`];
  let cause = (error as Error | undefined)?.cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    lines.push(`  caused by ${describeError(cause)}`);
    cause = cause.cause;
  }
  if (error instanceof UsageError) lines.push("Run 'paramkit help' or 'paramkit <verb> --help' for usage.");
  io.stderr.write(`${redactor.redact(lines.join('\n'))}\n`);
  return error instanceof CliError ? error.exitCode : EXIT.failed;
}

/**
 * The error that says what went wrong: the library wraps a failed read in a `GetParameterError` carrying its
 * cause's message (for secrets too, as Powertools does), which only repeats it.
 */
function unwrapped(error: unknown): unknown {
  let current = error;
  while (
    current instanceof Error &&
    current.name === 'GetParameterError' &&
    current.cause instanceof Error &&
    current.cause.message === current.message
  ) {
    current = current.cause;
  }
  return current;
}

/** What to do about the failures a setting causes, said after their message. */
const HINTS: ReadonlyArray<readonly [test: (error: Error) => boolean, hint: string]> = [
  [(error) => error.message === 'Region is missing', 'set AWS_REGION or pass --region'],
  [
    (error) => (error as NodeJS.ErrnoException).code === 'ECONNREFUSED',
    'is the endpoint running? (--endpoint, AWS_ENDPOINT_URL)',
  ],
];

/** An error as one line for people: its code and message, an unreadable answer by its code alone. */
export function describeError(error: unknown): string {
  const line = errorLine(error);
  const hint = error instanceof Error ? HINTS.find(([test]) => test(error))?.[1] : undefined;
  return hint === undefined ? line : `${line} (${hint})`;
}

function errorLine(error: unknown): string {
  if (error instanceof CliError) return error.message;
  // The verbs' own SDK calls (listings, history, DescribeSecret) are not made through a provider, which does this
  // for its reads: an answer the SDK could not read is shown by what failed, never by its quoted text.
  const shown = withoutAnswerText(error);
  if (shown !== error && shown instanceof Error) return `${shown.name}: ${shown.message}`;
  if (error instanceof Error) {
    // AWS errors are named by their code; their messages name the resource, not the value (masked anyway). A plain
    // `Error` (a network failure, a missing region) says it all in its message.
    if (error.name === 'Error' && error.message) return error.message;
    return error.message && error.message !== error.name ? `${error.name}: ${error.message}` : error.name;
  }
  return 'an unexpected value was thrown';
}

/** The text of a date for people: ISO 8601 to the second, UTC. */
export function formatDate(date: Date | undefined): string {
  return date === undefined ? '-' : `${date.toISOString().slice(0, 19)}Z`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = /[\u007f-\u009f\u2028\u2029]/g;

/**
 * A cell as one line of plain text: one holding a line break or another control character (a multi-line value, a
 * terminal escape sequence) is shown quoted with JSON escapes, so that it neither breaks the table nor acts on the
 * terminal.
 */
function cellText(cell: string): string {
  return CONTROL.test(cell) ? quoted(cell) : cell;
}

/** Text in double quotes with JSON escapes, C1 controls and line separators escaped too: safe on one terminal line. */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(CONTROL_ALL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(cells: ReadonlyArray<ReadonlyArray<string>>): string {
  const rows = cells.map((row) => row.map(cellText));
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
