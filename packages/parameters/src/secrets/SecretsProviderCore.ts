import {
  GetSecretValueCommand,
  type GetSecretValueCommandInput,
  type GetSecretValueCommandOutput,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { BaseProvider } from '../base/BaseProviderCore.js';
import { METHOD_NOT_IMPLEMENTED } from '../constants.js';
import type { CacheEngine } from '../engine/CacheEngine.js';
import { secretVariant } from '../engine/secretIds.js';
import { GetParameterError } from '../errors.js';
import type { GetMultipleOptionsInterface, GetOptionsInterface } from '../types/BaseProvider.js';
import type {
  SecretsGetOptions,
  SecretsGetOutput,
  SecretsGetSecretsByNameEntryOptions,
  SecretsGetSecretsByNameOptions,
  SecretsGetSecretsByNameOutput,
  SecretsProviderOptions,
  SecretsSetOptions,
} from '../types/SecretsProvider.js';
import type { TypedGet } from '../types/TypedProvider.js';
import type { RotationSchedule } from './rotationSchedule.js';
import type { WithSecretOptions } from './withSecret.js';

/** Whether `secretsInternals.rotation` is filled in (by the first `SecretsProvider` made). */
let internalsShared = false;

/** Private members the methods added in `SecretsProvider.ts` use, filled in when the first provider is made. */
export const secretsInternals = {} as {
  /** The rotation schedules of `rotationAware` (`undefined` without it). */
  rotation(provider: object): RotationSchedule | undefined;
  /**
   * Makes the rotation schedules of a `rotationAware` provider; installed with the methods beyond `get`
   * (`SecretsProvider.ts`), as the shared provider of `getSecret` is never made rotation-aware.
   */
  schedule?: (engine: CacheEngine, send: (command: unknown) => Promise<unknown>) => RotationSchedule;
};

export interface SecretsProvider {
  /**
   * Retrieves one secret by name or ARN: its AWSCURRENT version, or the one `sdkOptions.VersionId` /
   * `sdkOptions.VersionStage` select.
   *
   * @example
   * ```ts
   * const token = await secrets.get('api/token'); // string | Uint8Array | undefined
   * const db = await secrets.get('prod/db', { transform: 'json', throwOnMissing: true }); // JSONValue
   * const previous = await secrets.get('api/token', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } });
   * ```
   */
  get: TypedGet<SecretsGetOptions, string | Uint8Array>['get'];
  /**
   * Not supported: Secrets Manager has no paths to list values under. Rejects with a `GetParameterError`, as
   * Powertools does; use `get` or `getSecretsByName` instead.
   *
   * @example
   * ```ts
   * await secrets.getMultiple('prod/').catch((error) => console.log(error.name)); // 'GetParameterError'
   * ```
   */
  getMultiple(path: string, _options?: unknown): Promise<void>;
  /**
   * Retrieves many secrets with `BatchGetSecretValue`, twenty names or ARNs a call, the calls in parallel. Cached
   * values are used and fetched ones cached (a later `get` hits); per-name options override the global ones.
   *
   * @example
   * ```ts
   * const { 'prod/db': db, 'api/token': token, _errors } = await secrets.getSecretsByName(
   *   { 'prod/db': { transform: 'json' }, 'api/token': {} },
   *   { maxAge: 60, throwOnError: false },
   * );
   * ```
   */
  getSecretsByName<ExplicitUserProvidedType = undefined>(
    secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
    options?: SecretsGetSecretsByNameOptions,
  ): Promise<SecretsGetSecretsByNameOutput<ExplicitUserProvidedType>>;
  /**
   * Runs `use` with a secret and, when it fails with an error `isCredentialsError` accepts (the database or API
   * rejected the credentials), fetches the secret's current version again, skipping the cache, and runs `use`
   * once more with it if it changed: the pattern AWS recommends for rotated database passwords. Other errors,
   * and a second rejection, reach the caller.
   *
   * @example
   * ```ts
   * const rows = await secrets.withSecret(
   *   'prod/db',
   *   async (db) => queryWith(db.password),
   *   { transform: 'json', isCredentialsError: (error) => (error as { code?: string }).code === '28P01' },
   * );
   * ```
   */
  withSecret<Result, InferredFromOptionsType extends SecretsGetOptions = SecretsGetOptions>(
    name: string,
    use: (secret: SecretsGetOutput<undefined, InferredFromOptionsType>) => Result | Promise<Result>,
    options: WithSecretOptions<InferredFromOptionsType>,
  ): Promise<Result>;
  /**
   * Starts fetching secrets with `BatchGetSecretValue` before they are read (at module scope, so in Lambda during
   * INIT); later `get`s and `getSecretsByName` calls share the requests or hit the cache. Never rejects: a failure
   * surfaces on the first read that needs the value.
   *
   * @example
   * ```ts
   * secrets.prefetchByName({ 'prod/db': { transform: 'json' }, 'api/token': {} });
   * ```
   */
  prefetchByName(
    secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
    options?: Omit<SecretsGetSecretsByNameOptions, 'throwOnError'>,
  ): Promise<void>;
  /**
   * Stores a new value with `PutSecretValue` (or `CreateSecret`, with `createIfMissing`, when the secret does not
   * exist) and returns the new version's id. Cached values of the secret are dropped and, when the new version is
   * AWSCURRENT, the value is cached for the next plain `get`.
   *
   * @example
   * ```ts
   * const versionId = await secrets.set('api/token', { value: 'n3w-t0ken', createIfMissing: true });
   * ```
   */
  set(name: string, options: SecretsSetOptions): Promise<string>;
}

/**
 * Reads and writes AWS Secrets Manager secrets, with the cache of `BaseProvider`. `SecretString` values come back
 * as text and `SecretBinary` values as bytes (`Uint8Array`).
 *
 * @example
 * ```ts
 * import { SecretsProvider } from '@paramkit/parameters/secrets';
 *
 * const secrets = new SecretsProvider({ clientConfig: { region: 'eu-west-1' } });
 * const db = await secrets.get('prod/db', { transform: 'json', maxAge: 300 });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface of the same name types get once (TypedGet), BaseProvider implements it; the rest come from withSecretsMethods (SecretsProvider.ts)
export class SecretsProvider extends BaseProvider {
  /**
   * Fills in `secretsInternals.rotation`, once.
   * Done on the first construction rather than in a static block: a bundler must keep a static block, and with it
   * this class and everything under it, in any bundle of the package's shared module (one that imports only an
   * error class, say).
   */
  static #shareInternals(): void {
    internalsShared = true;
    secretsInternals.rotation = (provider) => (provider as SecretsProvider).#rotation;
  }

  readonly #rotation: RotationSchedule | undefined;

  constructor(config: SecretsProviderOptions = {}) {
    const { rotationAware, ...options } = config;
    super({ awsSdkV3ClientPrototype: SecretsManagerClient, ...options });
    if (!internalsShared) SecretsProvider.#shareInternals();
    if (rotationAware !== undefined && typeof rotationAware !== 'boolean') {
      throw new TypeError(`rotationAware must be a boolean, got ${typeof rotationAware}`);
    }
    this.#rotation = rotationAware ? this.#rotationSchedule() : undefined;
  }

  #rotationSchedule(): RotationSchedule {
    const { schedule } = secretsInternals;
    if (schedule === undefined) {
      throw new TypeError(
        'rotationAware needs the complete SecretsProvider: import it from @paramkit/parameters/secrets',
      );
    }
    return schedule(this.engine, (command) => this.send(command));
  }

  /** The `SecretsManagerClient`, created on first use when none was given. */
  declare public client: SecretsManagerClient;

  /** Also forgets the rotation schedules read with `rotationAware`. */
  public override clearCache(): void {
    super.clearCache();
    this.#rotation?.clear();
  }

  protected override async _get(
    name: string,
    options?: NonNullable<SecretsGetOptions>,
  ): Promise<string | Uint8Array | undefined> {
    const input: GetSecretValueCommandInput = { ...options?.sdkOptions, SecretId: name };
    // A missing secret (or version) fails as the SDK says, as in Powertools: the caller gets it as the cause of a
    // GetParameterError. Each read sharing this request applies its own `throwOnMissing` (ParameterNotFoundError).
    const read = this.send<GetSecretValueCommandOutput>(new GetSecretValueCommand(input));
    const scheduled = this.#rotation?.apply(name);
    const output = scheduled === undefined ? await read : (await Promise.all([read, scheduled]))[0];
    const raw = output.SecretString ?? output.SecretBinary;
    return raw === undefined ? undefined : ownBytes(raw);
  }

  /** Not supported by Secrets Manager (as in Powertools, whose signature it keeps for subclasses). */
  protected override async _getMultiple(
    path: string,
    _options?: unknown,
  ): Promise<Record<string, unknown> | undefined> {
    throw notImplemented(path);
  }

  /**
   * Only the version selectors change which value comes back. No selector and `VersionStage: 'AWSCURRENT'` are one
   * key, so a value read either way (or by `getSecretsByName`) serves both.
   */
  protected override cacheKeyVariant(options: GetOptionsInterface | GetMultipleOptionsInterface): string {
    const sdk = options.sdkOptions as { VersionId?: unknown; VersionStage?: unknown } | undefined;
    return sdk === undefined ? '' : secretVariant(sdk.VersionId, sdk.VersionStage);
  }
}

/**
 * The SDK's bytes as they came (as Powertools returns them) when they own their memory; a view into a larger buffer
 * (the SDK decodes small base64 values into Node's shared 8 KiB pool) is copied into an exact-size one of the same
 * kind, so that a cached secret does not hold the pool, and other values in it, alive.
 */
export function ownBytes(raw: string | Uint8Array): string | Uint8Array {
  if (typeof raw === 'string' || (raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength)) return raw;
  return copyBytes(raw);
}

/** An exact-size copy of the bytes, of the same kind (`Buffer` stays `Buffer`): for a value the caller may reuse. */
export function copyBytes(raw: string | Uint8Array): string | Uint8Array {
  if (typeof raw === 'string') return raw;
  const copy = new Uint8Array(raw);
  return Buffer.isBuffer(raw) ? Buffer.from(copy.buffer) : copy;
}

/** The error of `getMultiple`, which Secrets Manager cannot serve. */
export function notImplemented(path: string): GetParameterError {
  const cause = new Error(
    `Secrets Manager has no paths, so the secrets under '${path}' cannot be listed: use get or getSecretsByName`,
  );
  return new GetParameterError(METHOD_NOT_IMPLEMENTED, { cause });
}
