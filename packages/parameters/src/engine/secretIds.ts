/** The part of a secret entry that says which secret it is (`SecretValueEntry`, `GetSecretValue` output...). */
export interface SecretIdentity {
  Name?: string;
  ARN?: string;
}

/** Secrets Manager appends `-` and six random characters to a secret's name to make its ARN. */
const ARN_SUFFIX_LENGTH = 7;

/**
 * Whether a secret entry is the secret a caller named: by name, by full ARN, or by partial ARN (the full ARN
 * without the `-` and six random characters). The suffix length is checked, so the partial ARN of `app` does not
 * match the ARN of `app-db`.
 *
 * @example
 * ```ts
 * import { secretRefersTo } from '@paramkit/parameters/engine';
 *
 * const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf';
 * secretRefersTo('arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db', { ARN: arn }); // true
 * ```
 */
export function secretRefersTo(id: string, entry: SecretIdentity): boolean {
  if (id === entry.Name || id === entry.ARN) return true;
  const arn = entry.ARN;
  return (
    id.startsWith('arn:') &&
    arn !== undefined &&
    arn.length === id.length + ARN_SUFFIX_LENGTH &&
    arn.startsWith(`${id}-`)
  );
}

/** The stage a read without selector returns: reading it by name is the same key as a plain read. */
export const CURRENT_STAGE = 'AWSCURRENT';

/**
 * The variant (cache-key part) of a secret read by version id and/or stage: `''` for the current version, named
 * either way (no selector, or `VersionStage: 'AWSCURRENT'`), so both reads share one entry everywhere.
 *
 * @example
 * ```ts
 * secretVariant(undefined, 'AWSCURRENT'); // ''
 * secretVariant(undefined, 'AWSPREVIOUS'); // a variant of its own
 * ```
 */
export function secretVariant(versionId: unknown, versionStage: unknown): string {
  const id = versionId ?? undefined;
  const stage = versionStage ?? undefined;
  if (id === undefined && (stage === undefined || stage === CURRENT_STAGE)) return '';
  return JSON.stringify([id ?? null, stage ?? null]);
}
