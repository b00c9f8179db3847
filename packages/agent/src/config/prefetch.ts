import { Query } from '../http/query.js';
import { BadRequestError } from '../http/responses.js';
import {
  type ParameterSelection,
  parameterSelection,
  type SecretSelection,
  secretSelection,
} from '../http/selection.js';

/** The variable naming what the agent loads at start. */
export const PREFETCH_ENV = 'PARAMKIT_AGENT_PREFETCH';

/** Most entries the prefetch list takes: the largest cache the agent has. */
export const MAX_PREFETCH_ENTRIES = 1000;

/**
 * One value the agent loads at start, parsed from the prefetch list. `entry` is the text as written (an id or a
 * name, never a value), for the log.
 */
export type PrefetchEntry =
  | ({ readonly kind: 'secret'; readonly entry: string } & SecretSelection)
  | ({ readonly kind: 'ssm'; readonly entry: string } & ParameterSelection)
  | {
      readonly kind: 'secret-tag';
      readonly entry: string;
      /** The tag key, exact and case-sensitive. */
      readonly key: string;
      /** The tag's value, exact (`''` is a value); `undefined` for any value. */
      readonly value: string | undefined;
    }
  | {
      readonly kind: 'ssm-path';
      readonly entry: string;
      readonly path: string;
      readonly recursive: boolean;
      readonly decrypt: boolean;
    };

/** The query keys each kind takes after `?`: those of its HTTP route, but the id and `refreshNow`. */
const KEYS = {
  secret: ['versionId', 'versionStage'],
  ssm: ['version', 'label', 'withDecryption'],
  'ssm-path': ['recursive', 'withDecryption'],
  'secret-tag': ['value'],
} as const;

/** What an entry of each kind names, for the message of an entry that names nothing. */
const ID_NAMES: Record<Kind, string> = {
  secret: 'secret id',
  ssm: 'name',
  'ssm-path': 'path',
  'secret-tag': 'tag key',
};

type Kind = keyof typeof KEYS;

/**
 * Reads the prefetch list: entries separated by commas or white space, each `<kind>:<id>[?<query>]` with the
 * kinds `secret:` (a secret id, name or ARN), `ssm:` (a parameter name) and `ssm-path:` (a path), with the query
 * keys of the matching HTTP route (`secret:app/db?versionStage=AWSPREVIOUS`, `ssm:/app/key?withDecryption=true`,
 * `ssm-path:/app/?recursive=true`), and `secret-tag:` (every secret with a tag: `secret-tag:team`,
 * `secret-tag:env?value=prod`). A prefetched value is cached under the key of the request with the same id and
 * keys (a tagged secret under its name). A malformed entry is left out with a warning naming it: prefetching is an
 * optimisation, never a reason not to start.
 *
 * @example
 * ```ts
 * const warnings: string[] = [];
 * parsePrefetch('secret:app/db, ssm:/app/url', warnings); // [{ kind: 'secret', secretId: 'app/db', ... }, ...]
 * ```
 */
export function parsePrefetch(raw: string | undefined, warnings: string[]): readonly PrefetchEntry[] {
  if (raw === undefined) return [];
  const texts = raw.split(/[\s,]+/).filter((text) => text !== '');
  const entries: PrefetchEntry[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    if (entries.length === MAX_PREFETCH_ENTRIES) {
      warnings.push(`${PREFETCH_ENV}: more than ${MAX_PREFETCH_ENTRIES} entries; the rest are not prefetched`);
      break;
    }
    if (seen.has(text)) continue;
    seen.add(text);
    const problem = entryProblem(text);
    if (typeof problem === 'string') warnings.push(`${PREFETCH_ENV}: '${text}' ${problem}; not prefetched`);
    else entries.push(problem);
  }
  return Object.freeze(entries);
}

/** The entry, or why it cannot be read. */
function entryProblem(text: string): PrefetchEntry | string {
  const colon = text.indexOf(':');
  const kind = colon === -1 ? '' : text.slice(0, colon);
  if (!isKind(kind)) return 'does not start with secret:, secret-tag:, ssm: or ssm-path:';
  const rest = text.slice(colon + 1);
  const mark = rest.indexOf('?');
  const id = mark === -1 ? rest : rest.slice(0, mark);
  if (id === '') return `has no ${ID_NAMES[kind]}`;
  try {
    // Unlike a request, a key the entry's kind does not take is refused: in configuration it is a typo.
    const query = new Query(mark === -1 ? '' : rest.slice(mark + 1), KEYS[kind], { refuseUnknown: true });
    switch (kind) {
      case 'secret':
        return { kind, entry: text, ...secretSelection(id, query) };
      case 'ssm':
        return { kind, entry: text, ...parameterSelection(id, query) };
      case 'ssm-path':
        return {
          kind,
          entry: text,
          path: id,
          recursive: query.flag('recursive'),
          decrypt: query.flag('withDecryption'),
        };
      case 'secret-tag': {
        // A tag key may hold a space, which the list cannot: the key is percent-decoded like the query's values.
        // A tag's value may be empty: `value=` asks for exactly that, unlike an empty key of a route.
        const key = decodeTagKey(id);
        const value = query.given('value');
        // No tag can hold `!`, and ListSecrets reads a leading one as "not": refused rather than misread.
        if (`${key}${value ?? ''}`.includes('!')) throw new BadRequestError('a tag key or value cannot hold !');
        return { kind, entry: text, key, value };
      }
    }
  } catch (error) {
    if (error instanceof BadRequestError) return `is not valid: ${error.message}`;
    throw error;
  }
}

function decodeTagKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequestError('the tag key is not valid URL encoding');
  }
}

function isKind(kind: string): kind is Kind {
  return Object.hasOwn(KEYS, kind);
}
