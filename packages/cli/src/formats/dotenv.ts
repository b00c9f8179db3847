import { parseEnv } from 'node:util';
import { CliError } from '../errors.js';

/**
 * One `KEY=value` line that Node.js's own dotenv parser (`--env-file`, `util.parseEnv`) reads back exactly. Single quotes keep a value literal; a value with a newline or a quote needs double quotes (where
 * `\n` stands for a newline) or backticks. A value no quoting can carry is an error naming the key.
 */
export function dotenvLine(key: string, value: string): string {
  if (!value.includes("'") && !value.includes('\n')) return `${key}='${value}'`;
  if (!value.includes('"') && !value.includes('\\n')) return `${key}="${value.replace(/\n/g, '\\n')}"`;
  if (!value.includes('`') && !value.includes('\\n')) return `${key}=\`${value}\``;
  throw new CliError(`the value of ${key} cannot be written as dotenv (it has every kind of quote); use json or yaml`);
}

/** Parses a dotenv file with Node.js's parser. */
export function parseDotenv(text: string): Record<string, string> {
  return parseEnv(text) as Record<string, string>;
}
