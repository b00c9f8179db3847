import { type SecretVersion, secretVersion } from '../upstream/secretVersion.js';
import type { Query } from './query.js';
import { BadRequestError } from './responses.js';

const VERSION = /^[1-9]\d{0,18}$/;

/** What a parameter read asks for: the name as `GetParameter` takes it (selector included), and decryption. */
export interface ParameterSelection {
  readonly name: string;
  readonly decrypt: boolean;
}

/** What a secret read asks for: an id, and which version (`CURRENT_VERSION` when the query names none). */
export interface SecretSelection {
  readonly secretId: string;
  readonly version: SecretVersion;
}

/** The selectors `GetParameter` takes in the name; when a query gives both, the first one is used. */
const SELECTORS = ['version', 'label'] as const;

/**
 * A parameter name with the `version` or `label` of a query folded in (`GetParameter` takes the selector in the
 * name: `/app/db:3`, `/app/db:prod`), and `withDecryption`. When both are given, the first in the query is used,
 * as the AWS extension documents; a `version` that is not a positive integer is a 400 even then. The HTTP route
 * and the prefetch list read the same keys through this, so a prefetched value is the one a request with the same
 * keys hits.
 *
 * @example
 * ```ts
 * parameterSelection('/app/db', new Query('version=3', ['version', 'label', 'withDecryption'])); // { name: '/app/db:3', decrypt: false }
 * ```
 */
export function parameterSelection(name: string, query: Query): ParameterSelection {
  const version = query.optional('version');
  if (version !== undefined && !VERSION.test(version)) {
    throw new BadRequestError("Query parameter 'version' must be a positive integer");
  }
  const selectorKey = query.firstGiven(SELECTORS);
  const selector = selectorKey === undefined ? undefined : query.optional(selectorKey);
  return { name: selector === undefined ? name : `${name}:${selector}`, decrypt: query.flag('withDecryption') };
}

/**
 * A secret id with the version the `versionId` / `versionStage` of a query select (see `secretVersion`). The HTTP
 * routes and the prefetch list read the same keys through this, so a prefetched version is the one a request
 * with the same keys hits.
 *
 * @example
 * ```ts
 * secretSelection('app/db', new Query('versionStage=AWSPREVIOUS', ['versionId', 'versionStage']));
 * ```
 */
export function secretSelection(secretId: string, query: Query): SecretSelection {
  return { secretId, version: secretVersion(query.optional('versionId'), query.optional('versionStage')) };
}
