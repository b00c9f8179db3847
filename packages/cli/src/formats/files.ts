import { Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument, parse as parseYaml, Scalar } from 'yaml';
import type { Format } from '../address.js';
import { CliError } from '../errors.js';
import { dotenvLine, parseDotenv } from './dotenv.js';

/** A flat set of values by key, in order; `binary` marks a value that is the base64 text of bytes. */
export type FlatValues = ReadonlyArray<readonly [key: string, value: string, binary?: boolean]>;

/**
 * The JSON form of bytes: an object with this one key, holding their base64. No parameter or secret name can hold a
 * `$`, so it can never be mistaken for a folder.
 */
export const JSON_BYTES_KEY = '$base64';

/** Canonical base64 (RFC 4648, padded), as Secrets Manager and `!!binary` write it; line breaks allowed. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether `text` is base64 that decodes to bytes (whitespace and line breaks ignored). */
export function isBase64(text: string): boolean {
  return BASE64.test(text.replace(/\s+/g, ''));
}

/**
 * Writes values as JSON (an object), YAML (a mapping) or dotenv (`KEY='value'` lines). Bytes stay bytes in JSON
 * (`{ "$base64": "..." }`) and YAML (`!!binary`); dotenv, which holds text, gets their base64.
 */
export function serialize(format: Format, values: FlatValues): string {
  if (format === 'json') {
    const object = Object.fromEntries(
      values.map(([key, value, binary]) => [key, binary ? { [JSON_BYTES_KEY]: value } : value]),
    );
    return `${JSON.stringify(object, null, 2)}\n`;
  }
  if (format === 'yaml') return values.length === 0 ? '{}\n' : yamlMapping(values);
  return values.map(([key, value]) => `${dotenvLine(key, value)}\n`).join('');
}

/**
 * A YAML mapping whose every key and value reads back as the same string whatever reads it: a plain scalar that a
 * YAML 1.1 reader (PyYAML, Ruby, older tools) or a 1.2 one would take for something else (`yes`, `off`, `0o17`,
 * `2024-01-01`...) is double-quoted.
 */
function yamlMapping(values: FlatValues): string {
  const document = new Document({}, { customTags: ['binary'] });
  for (const [key, value, binary] of values) {
    document.set(yamlString(key), binary ? document.createNode(Buffer.from(value, 'base64')) : yamlString(value));
  }
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

/** One value read from a file; `line` is where a dotenv value starts; `binary`: `value` is the base64 of bytes. */
export interface FileValue {
  readonly key: string;
  readonly value: string;
  readonly binary?: true;
  readonly line?: number;
}

/**
 * Bytes read from a JSON or YAML file, as their base64 text (`undefined`: the file's text was not base64), until they
 * are flattened into a `FileValue`.
 */
class Bytes {
  constructor(readonly base64: string | undefined) {}
}

/**
 * Reads values from a file's text. Nested JSON or YAML objects are flattened with `/` (`{ db: { url } }` is
 * `db/url`); numbers and booleans become their text (in YAML as written: `01234` stays `01234`); bytes are a JSON
 * `{ "$base64": "..." }` or a YAML `!!binary` value; arrays, nulls, base64 that is not, and a key given twice (`a/b`
 * beside `a: { b }`) are errors naming the key. Parse errors give
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
    document = format === 'json' ? jsonValues(text) : yamlValues(text);
  } catch (error) {
    throw new CliError(`${origin} is not valid ${format}${positionOf(error)}`);
  }
  if (document === null || document === undefined) return [];
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new CliError(`${origin} must hold an object of names to values`);
  }
  const flat: FileValue[] = [];
  flatten(document as Record<string, unknown>, '', flat, origin);
  return flat;
}

/** A number of a JSON file as it is written there: still a number (not text) to the checks, its text as the value. */
class NumberText {
  constructor(readonly text: string) {}
}

/**
 * A JSON file's content, with each number as it is written (`1.10`, `1e3`, `12345678901234567890`) rather than as
 * JavaScript prints the double it becomes (`1.1`, `1000`, `12345678901234567000`). `JSON.parse` decides what is valid
 * JSON and what each value is; the texts come from the same file read as YAML (JSON is YAML), taken only where the
 * two readings agree on the number, so that a file YAML reads otherwise keeps `JSON.parse`'s values.
 */
function jsonValues(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  let written: unknown;
  try {
    const document = parseDocument(text, { uniqueKeys: false });
    written = document.errors.length === 0 ? yamlPlain(document) : undefined;
  } catch {
    written = undefined;
  }
  const withTexts = (value: unknown, source: unknown): unknown => {
    if (typeof value === 'number') {
      return typeof source === 'string' && Number(source) === value ? new NumberText(source) : value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      return value.map((item, index) => withTexts(item, Array.isArray(source) ? source[index] : undefined));
    }
    const sourceObject = source !== null && typeof source === 'object' ? (source as Record<string, unknown>) : {};
    const result: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      result[key] = withTexts(member, Object.hasOwn(sourceObject, key) ? sourceObject[key] : undefined);
    }
    return result;
  };
  return withTexts(parsed, written);
}

/**
 * A YAML file's content with every scalar as it is written: `zip: 01234`, `version: 1.10` and `on: true` keep their
 * text (`01234`, `1.10`, `true`) instead of going through a number or a boolean. Nulls stay nulls (refused later).
 */
function yamlValues(text: string): unknown {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error !== undefined) throw error;
  return yamlPlain(document);
}

/** A parsed YAML document as plain values, every scalar as written (see `yamlValues`). */
function yamlPlain(document: Document.Parsed): unknown {
  const plain = (node: unknown): unknown => {
    if (isAlias(node)) return plain(node.resolve(document));
    if (isScalar(node)) {
      const { value } = node;
      // The YAML library decodes `!!binary` leniently (text that is not base64 gives empty bytes): check the source.
      if (value instanceof Uint8Array) {
        const source = typeof node.source === 'string' ? node.source : '';
        return new Bytes(isBase64(source) ? Buffer.from(value).toString('base64') : undefined);
      }
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
  into: FileValue[],
  origin: string,
  seen = new Set<string>(),
): void {
  for (const [key, given] of Object.entries(object)) {
    const path = prefix === '' ? key : `${prefix}/${key}`;
    const value = bytesOf(given, path, origin) ?? given;
    const isValue =
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value instanceof Bytes ||
      value instanceof NumberText;
    if (isValue && seen.has(path)) throw new CliError(`${origin}: '${path}' is given twice (as a key and by nesting)`);
    if (isValue) seen.add(path);
    if (typeof value === 'string') into.push({ key: path, value });
    else if (typeof value === 'number' || typeof value === 'boolean') into.push({ key: path, value: String(value) });
    else if (value instanceof NumberText) into.push({ key: path, value: value.text });
    else if (value instanceof Bytes) into.push({ key: path, value: value.base64 ?? '', binary: true });
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, path, into, origin, seen);
    } else throw new CliError(`${origin}: the value of '${path}' must be text, a number, a boolean or an object`);
  }
}

/**
 * The bytes a JSON `{ "$base64": "..." }` or YAML `!!binary` value holds. Text that is not base64 is an error: read
 * as text, it would be stored as a string where bytes were meant.
 */
function bytesOf(value: unknown, path: string, origin: string): Bytes | undefined {
  let bytes: Bytes | undefined;
  if (value instanceof Bytes) bytes = value;
  else if (value !== null && typeof value === 'object' && Object.hasOwn(value, JSON_BYTES_KEY)) {
    const encoded = (value as Record<string, unknown>)[JSON_BYTES_KEY];
    if (Object.keys(value).length !== 1 || typeof encoded !== 'string') {
      throw new CliError(`${origin}: the value of '${path}' must be {"${JSON_BYTES_KEY}": "<base64 text>"} alone`);
    }
    bytes = new Bytes(isBase64(encoded) ? encoded.replace(/\s+/g, '') : undefined);
  }
  if (bytes !== undefined && bytes.base64 === undefined)
    throw new CliError(`${origin}: the value of '${path}' is not base64`);
  return bytes;
}

function positionOf(error: unknown): string {
  const message = (error as Error).message ?? '';
  const json = /at position (\d+)/.exec(message)?.[1];
  if (json !== undefined) return ` (at position ${json})`;
  const yaml = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
  return yaml === undefined ? '' : ` (at line ${yaml.line}, column ${yaml.col})`;
}
