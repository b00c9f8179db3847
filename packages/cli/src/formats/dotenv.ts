import { CliError } from '../errors.js';

/**
 * One `KEY=value` line that Node.js's own dotenv parser (`--env-file`, `util.parseEnv`) reads back exactly. Single
 * quotes keep a value literal; a value with a newline or a quote needs double quotes (where `\n` stands for a
 * newline) or backticks (literal, newlines included). A value no quoting can carry is an error naming the key, as
 * is a carriage return, which Node.js's parser drops wherever it stands.
 */
export function dotenvLine(key: string, value: string): string {
  if (value.includes('\r')) {
    throw new CliError(`the value of ${key} holds a carriage return, which dotenv parsers drop; use json or yaml`);
  }
  if (!value.includes("'") && !value.includes('\n')) return `${key}='${value}'`;
  if (!value.includes('"') && !value.includes('\\n')) return `${key}="${value.replace(/\n/g, '\\n')}"`;
  if (!value.includes('`')) return `${key}=\`${value}\``;
  throw new CliError(
    `the value of ${key} cannot be written as dotenv (no kind of quoting carries it); use json or yaml`,
  );
}

/** One assignment of a dotenv file, with the line it starts on (1-based). */
export interface DotenvEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** The `export ` prefix of a name (the name is trimmed first, so a bare `export` stays a name). */
const EXPORT = /^export\s+/;
const NAME = /^[\w.-]+$/;
const QUOTES = ["'", '"', '`'];

/**
 * Parses a dotenv file the way the common parsers (Node.js's `--env-file`, the `dotenv` package, python-dotenv)
 * agree on: `NAME=value` lines with an optional `export ` prefix, blank lines and `#` comments; values unquoted
 * (trimmed, up to a ` #` comment), in single quotes or backticks (literal) or in double quotes (`\n` is a newline),
 * quoted ones spanning lines. Where those parsers read a line differently (an unquoted `#` with no space before it,
 * an escaped `\"`), or read it as garbage (no `=`, a quote never closed), it throws a `CliError` naming the line
 * and the problem, never the value. A name given twice keeps its last value, as they all do; `onRepeat` hears of it.
 *
 * @example
 * ```ts
 * parseDotenv('export DB_URL="postgres://db"\n# note\nDEBUG=1 # on\n', '.env'); // DB_URL (line 1), DEBUG (line 3)
 * ```
 */
export function parseDotenv(
  text: string,
  origin: string,
  onRepeat: (key: string, line: number, first: number) => void = () => {},
): DotenvEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries = new Map<string, DotenvEntry>();
  const fail = (line: number, problem: string) => new CliError(`${origin}, line ${line}: ${problem}`);
  for (let index = 0; index < lines.length; index += 1) {
    const line = index + 1;
    const content = lines[index] as string;
    if (content.trim() === '' || content.trimStart().startsWith('#')) continue;
    const equals = content.indexOf('=');
    if (equals === -1) throw fail(line, "expected NAME=value, but the line has no '='");
    const key = content.slice(0, equals).trim().replace(EXPORT, '');
    if (key === '') throw fail(line, "there is no name before the '='");
    if (!NAME.test(key)) throw fail(line, "a name may hold only letters, digits, '_', '.' and '-'");
    const raw = content.slice(equals + 1);
    const rest = raw.trimStart();
    const quote = QUOTES.find((q) => rest.startsWith(q));
    let value: string;
    if (quote === undefined) value = unquoted(raw, key, (problem) => fail(line, problem));
    else {
      const quoted = readQuoted(lines, index, content.length - rest.length + 1, quote, key, fail);
      value = quote === '"' ? quoted.value.replace(/\\n/g, '\n') : quoted.value;
      index = quoted.endIndex;
    }
    const previous = entries.get(key);
    if (previous !== undefined) {
      onRepeat(key, line, previous.line);
      entries.delete(key);
    }
    entries.set(key, { key, value, line });
  }
  return [...entries.values()];
}

/**
 * An unquoted value (`raw`: all after the `=`): trimmed, up to a `#` that follows whitespace (a comment
 * everywhere); `NAME=` and `NAME= # note` are empty.
 */
function unquoted(raw: string, key: string, fail: (problem: string) => Error): string {
  // `NAME=#fff`: an empty value for Node.js and the dotenv package, the text `#fff` for python-dotenv.
  if (raw.startsWith('#')) {
    throw fail(
      `the unquoted value of ${key} starts with '#', which some dotenv parsers read as an empty value and others ` +
        'as text; quote the value (or write NAME= for an empty one)',
    );
  }
  const rest = raw.trim();
  const hash = rest.indexOf('#');
  if (hash === -1) return rest;
  if (hash === 0 || /\s/.test(rest[hash - 1] as string)) return rest.slice(0, hash).trimEnd();
  throw fail(
    `the unquoted value of ${key} has a '#' that some dotenv parsers read as the start of a comment and others ` +
      'keep; quote the value, or put a space before a comment',
  );
}

/** A quoted value from `start` (just past the opening quote) of line `index`, to its closing quote. */
function readQuoted(
  lines: readonly string[],
  index: number,
  start: number,
  quote: string,
  key: string,
  fail: (line: number, problem: string) => Error,
): { value: string; endIndex: number } {
  const parts: string[] = [];
  let from = start;
  for (let at = index; at < lines.length; at += 1) {
    const content = lines[at] as string;
    const close = content.indexOf(quote, from);
    if (close === -1) {
      parts.push(content.slice(from));
      from = 0;
      continue;
    }
    const after = content.slice(close + 1).trim();
    if (after !== '' && !after.startsWith('#')) {
      // `\"` mid-value ends the value for Node.js and escapes the quote for the dotenv package and python-dotenv.
      const problem =
        quote === '"' && content[close - 1] === '\\'
          ? `the double-quoted value of ${key} has an escaped quote (\\"), which dotenv parsers read differently; ` +
            "quote the value with ' or ` instead"
          : `the value of ${key} goes on after its closing ${quote} (only a # comment may follow)`;
      throw fail(at + 1, problem);
    }
    parts.push(content.slice(from, close));
    return { value: parts.join('\n'), endIndex: at };
  }
  throw fail(index + 1, `the value of ${key} opens a ${quote} quote that is never closed`);
}
