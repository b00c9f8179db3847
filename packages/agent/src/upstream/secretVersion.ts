import { secretVariant } from '@paramkit/parameters/engine';

/**
 * Which version of a secret to read; both unset (or `versionStage` `AWSCURRENT`): the current one. Make it with
 * `secretVersion`, which works its cache key out once; any other object works too, at the cost of that key on
 * every read.
 */
export interface SecretVersion {
  readonly versionId?: string | undefined;
  readonly versionStage?: string | undefined;
}

/** A version with its cache variant worked out when it is made, so a cache hit reads it instead. */
class SelectedVersion implements SecretVersion {
  readonly #variant: string;

  constructor(
    readonly versionId: string | undefined,
    readonly versionStage: string | undefined,
  ) {
    this.#variant = secretVariant(versionId, versionStage);
    Object.freeze(this);
  }

  /** The cache variant of any version: the one stored with it, else worked out now. */
  static variantOf(version: SecretVersion): string {
    return version instanceof SelectedVersion
      ? version.#variant
      : secretVariant(version.versionId, version.versionStage);
  }
}

/** The current version, as a read without selector returns it. */
export const CURRENT_VERSION: SecretVersion = new SelectedVersion(undefined, undefined);

/**
 * The version a read asks for, by `versionId` and/or `versionStage` (empty counts as unset): `CURRENT_VERSION`
 * when neither is set. Both may be given, as `GetSecretValue` takes them (AWS checks that they agree). The HTTP
 * routes and the prefetch list make their versions here, once per distinct query.
 *
 * @example
 * ```ts
 * const previous = secretVersion(undefined, 'AWSPREVIOUS');
 * const output = secrets.cached('app/db', previous) ?? (await secrets.read('app/db', previous, false));
 * ```
 */
export function secretVersion(versionId?: string, versionStage?: string): SecretVersion {
  const id = versionId === '' ? undefined : versionId;
  const stage = versionStage === '' ? undefined : versionStage;
  return id === undefined && stage === undefined ? CURRENT_VERSION : new SelectedVersion(id, stage);
}

/**
 * The cache variant (key part) of a version: `''` for the current one however named, read from a version made by
 * `secretVersion`, worked out for any other object.
 */
export const variantOf: (version: SecretVersion) => string = SelectedVersion.variantOf;
