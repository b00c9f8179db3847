import { basename } from 'node:path';
import { UsageError } from './errors.js';

/** The two stores `paramkit` reads and writes. */
export type Service = 'ssm' | 'secrets';

/** One parameter or secret. */
export interface ValueAddress {
  readonly service: Service;
  readonly name: string;
}

/** The file formats of `export`, `import`, `diff`. */
export const FORMATS = ['json', 'yaml', 'dotenv'] as const;
export type Format = (typeof FORMATS)[number];

/** Where a set of values comes from (or, for `import`, goes to). */
export type SourceSpec =
  | { readonly kind: 'store'; readonly service: Service; readonly path: string }
  | { readonly kind: 'file'; readonly path: string; readonly format: Format | undefined }
  | { readonly kind: 'declaration'; readonly path: string };

const SECRET_PREFIXES = ['secret:', 'secrets:'];
const SSM_PREFIX = 'ssm:';

/**
 * Parses a value's name: `secret:prod/db` (or a Secrets Manager ARN) is a secret; `ssm:/app/db`, `/app/db` (or an
 * SSM ARN) a parameter. A bare name is a parameter, as in chamber.
 *
 * @example
 * ```ts
 * parseValueAddress('secret:prod/db'); // { service: 'secrets', name: 'prod/db' }
 * ```
 */
export function parseValueAddress(text: string): ValueAddress {
  const secretPrefix = SECRET_PREFIXES.find((prefix) => text.startsWith(prefix));
  let address: ValueAddress;
  if (secretPrefix !== undefined) address = { service: 'secrets', name: text.slice(secretPrefix.length) };
  else if (text.startsWith(SSM_PREFIX)) address = { service: 'ssm', name: text.slice(SSM_PREFIX.length) };
  else if (/^arn:aws[\w-]*:secretsmanager:/.test(text)) address = { service: 'secrets', name: text };
  else address = { service: 'ssm', name: text };
  if (address.name === '') throw new UsageError(`'${text}' names no parameter or secret`);
  return address;
}

/** How a value's address is shown: secrets with their prefix, parameters by name. */
export function displayName(address: ValueAddress): string {
  return address.service === 'secrets' && !address.name.startsWith('arn:') ? `secret:${address.name}` : address.name;
}

/**
 * Parses a source of many values: `file:x`, a name ending in `.json`, `.yaml`, `.yml` or `.env` (or starting with
 * `./`, `../`) is a file; `config:x`, or a name ending in `.mjs`, `.js` or `.cjs`, a config declaration; `secret:prod/`
 * the secrets whose names start with `prod/`; anything else (`/app/prod`, `ssm:/app/prod`) a parameter path.
 *
 * @example
 * ```ts
 * parseSource('prod.env'); // { kind: 'file', path: 'prod.env', format: 'dotenv' }
 * ```
 */
export function parseSource(text: string): SourceSpec {
  if (text.startsWith('file:')) return fileSource(text.slice('file:'.length), text);
  if (text.startsWith('config:')) return declarationSource(text.slice('config:'.length), text);
  const secretPrefix = SECRET_PREFIXES.find((prefix) => text.startsWith(prefix));
  if (secretPrefix !== undefined) return { kind: 'store', service: 'secrets', path: text.slice(secretPrefix.length) };
  if (text.startsWith(SSM_PREFIX)) return ssmPath(text.slice(SSM_PREFIX.length));
  if (/\.(?:mjs|cjs|js)$/.test(text)) return declarationSource(text, text);
  if (formatOf(text) !== undefined || /^\.\.?\//.test(text) || text === '-') return fileSource(text, text);
  return ssmPath(text);
}

/** The format a file name implies, if any. */
export function formatOf(path: string): Format | undefined {
  const name = basename(path);
  if (/\.json$/i.test(name)) return 'json';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/^\.env(?:\..+)?$/.test(name) || /\.env$/i.test(name)) return 'dotenv';
  return undefined;
}

function fileSource(path: string, text: string): SourceSpec {
  if (path === '') throw new UsageError(`'${text}' names no file`);
  return { kind: 'file', path, format: formatOf(path) };
}

function declarationSource(path: string, text: string): SourceSpec {
  if (path === '') throw new UsageError(`'${text}' names no module`);
  return { kind: 'declaration', path };
}

function ssmPath(path: string): SourceSpec {
  if (!path.startsWith('/')) {
    throw new UsageError(`'${path}' is not a parameter path: paths start with '/' (secrets: secret:${path})`);
  }
  return { kind: 'store', service: 'ssm', path };
}

/** How a source is shown in messages. */
export function displaySource(spec: SourceSpec): string {
  if (spec.kind === 'store') return spec.service === 'secrets' ? `secret:${spec.path}` : spec.path;
  return spec.path;
}
