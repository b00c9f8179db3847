import { Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument, parse as parseYaml, Scalar } from 'yaml';
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

/** Tabs and the line separators YAML 1.1 readers (PyYAML) refuse in a plain scalar are quoted too. */
const QUOTED_CHARACTERS = /[\t\u0085\u2028\u2029]/;

function readsAsItself(text: string): boolean {
  if (QUOTED_CHARACTERS.test(text)) return false;
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
 * `db/url`); numbers and booleans become their text (in YAML as written: `01234` stays `01234`); arrays, nulls and a
 * key given twice (`a/b` beside `a: { b }`) are errors naming the key. Parse errors give
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
    document = format === 'json' ? JSON.parse(text) : yamlValues(text);
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

/**
 * A YAML file's content with every scalar as it is written: `zip: 01234`, `version: 1.10` and `on: true` keep their
 * text (`01234`, `1.10`, `true`) instead of going through a number or a boolean. Nulls stay nulls (refused later).
 */
function yamlValues(text: string): unknown {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error !== undefined) throw error;
  const plain = (node: unknown): unknown => {
    if (isAlias(node)) return plain(node.resolve(document));
    if (isScalar(node)) {
      const { value } = node;
      if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
        return typeof node.source === 'string' && node.source !== '' ? node.source : String(value);
      }
      return value;
    }
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) object[String(plain(pair.key))] = plain(pair.value);
      return object;
    }
    if (isSeq(node)) return (node.items as Node[]).map(plain);
    return node ?? null;
  };
  return plain(document.contents);
}

function flatten(
  object: Record<string, unknown>,
  prefix: string,
  into: Array<[string, string]>,
  origin: string,
  seen = new Set<string>(),
): void {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix === '' ? key : `${prefix}/${key}`;
    const isText = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (isText && seen.has(path)) throw new CliError(`${origin}: '${path}' is given twice (as a key and by nesting)`);
    if (isText) seen.add(path);
    if (typeof value === 'string') into.push([path, value]);
    else if (typeof value === 'number' || typeof value === 'boolean') into.push([path, String(value)]);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, path, into, origin, seen);
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
