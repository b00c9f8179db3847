import { Document, parse as parseYaml, Scalar } from 'yaml';
import type { Format } from '../address.js';
import { CliError } from '../errors.js';
import { dotenvLine, parseDotenv } from './dotenv.js';

/** A flat set of values by key, in order. */
export type FlatValues = ReadonlyArray<readonly [key: string, value: string]>;

/** Writes values as JSON (an object), YAML (a mapping) or dotenv (`KEY='value'` lines). */
export function serialize(format: Format, values: FlatValues): string {
  if (format === 'json') return `${JSON.stringify(Object.fromEntries(values), null, 2)}\n`;
  if (format === 'yaml') return values.length === 0 ? '{}\n' : yamlMapping(values);
  return values.map(([key, value]) => `${dotenvLine(key, value)}\n`).join('');
}

/**
 * A YAML mapping whose every key and value reads back as the same string whatever reads it: a plain scalar that a
 * YAML 1.1 reader (PyYAML, Ruby, older tools) or a 1.2 one would take for something else (`yes`, `off`, `0o17`,
 * `2024-01-01`...) is double-quoted.
 */
function yamlMapping(values: FlatValues): string {
  const document = new Document({});
  for (const [key, value] of values) document.set(yamlString(key), yamlString(value));
  return document.toString();
}

function yamlString(text: string): Scalar<string> {
  const scalar = new Scalar(text);
  if (!readsAsItself(text)) scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

function readsAsItself(text: string): boolean {
  const plain = new Document(text).toString();
  return (['1.1', '1.2'] as const).every((version) => parseYaml(plain, { version }) === text);
}

/** One value read from a file; `line` is where a dotenv value starts. */
export interface FileValue {
  readonly key: string;
  readonly value: string;
  readonly line?: number;
}

/**
 * Reads values from a file's text. Nested JSON or YAML objects are flattened with `/` (`{ db: { url } }` is
 * `db/url`); numbers and booleans become their text; arrays and nulls are errors naming the key. Parse errors give
 * the position only: the text around it may be a secret. `note` hears of what is read but worth a word (a dotenv
 * name given twice).
 */
export function parseValues(
  format: Format,
  text: string,
  origin: string,
  note: (message: string) => void = () => {},
): FileValue[] {
  if (format === 'dotenv') {
    return parseDotenv(text, origin, (key, line, first) =>
      note(`${origin}, line ${line}: ${key} is set again (first on line ${first}); the last value is used`),
    );
  }
  let document: unknown;
  try {
    document = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CliError(`${origin} is not valid ${format}${positionOf(error)}`);
  }
  if (document === null || document === undefined) return [];
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new CliError(`${origin} must hold an object of names to values`);
  }
  const flat: Array<[string, string]> = [];
  flatten(document as Record<string, unknown>, '', flat, origin);
  return flat.map(([key, value]) => ({ key, value }));
}

function flatten(object: Record<string, unknown>, prefix: string, into: Array<[string, string]>, origin: string): void {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix === '' ? key : `${prefix}/${key}`;
    if (typeof value === 'string') into.push([path, value]);
    else if (typeof value === 'number' || typeof value === 'boolean') into.push([path, String(value)]);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, path, into, origin);
    } else throw new CliError(`${origin}: the value of '${path}' must be text, a number, a boolean or an object`);
  }
}

function positionOf(error: unknown): string {
  const message = (error as Error).message ?? '';
  const json = /at position (\d+)/.exec(message)?.[1];
  if (json !== undefined) return ` (at position ${json})`;
  const yaml = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
  return yaml === undefined ? '' : ` (at line ${yaml.line}, column ${yaml.col})`;
}
