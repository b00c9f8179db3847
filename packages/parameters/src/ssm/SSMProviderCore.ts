import {
  GetParameterCommand,
  type GetParameterCommandInput,
  type GetParameterCommandOutput,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { BaseProvider, methodsNotAdded } from '../base/BaseProviderCore.js';
import { stableStringify } from '../base/cacheKey.js';
import { decryptDefaultFromEnv } from '../base/env.js';
import { ENV } from '../constants.js';
import type { GetParameterError } from '../errors.js';
import type {
  SSMGetMultipleOptions,
  SSMGetOptions,
  SSMGetParametersByNameOptions,
  SSMGetParametersByNameOutput,
  SSMProviderOptions,
  SSMSetOptions,
} from '../types/SSMProvider.js';
import type { TypedGet, TypedGetMultiple } from '../types/TypedProvider.js';

type AnySSMOptions = NonNullable<SSMGetOptions> & NonNullable<SSMGetMultipleOptions>;
type DecryptOptions = { decrypt?: boolean; sdkOptions?: { WithDecryption?: boolean } };

/** Whether `ssmInternals` is filled in (by the first `SSMProvider` made). */
let internalsShared = false;

/** Private members the methods added in `SSMProvider.ts` use, filled in when the first provider is made. */
export const ssmInternals = {} as {
  /** Whether a read with these options decrypts. */
  decrypts(provider: object, options: DecryptOptions | undefined): boolean;
};

/** `sdkOptions` members that are set from other options or do not change which values come back. */
const NON_SELECTING_SDK_OPTIONS = new Set(['Name', 'Path', 'WithDecryption', 'Recursive', 'MaxResults', 'NextToken']);

export interface SSMProvider {
  /**
   * Retrieves one parameter. Names may carry a version or label selector (`/app/db:3`, `/app/db:prod`).
   *
   * @example
   * ```ts
   * const url = await ssm.get('/app/url'); // string | undefined
   * const cfg = await ssm.get('/app/cfg', { transform: 'json', throwOnMissing: true }); // JSONValue
   * ```
   */
  get: TypedGet<SSMGetOptions, string>['get'];
  /**
   * Retrieves every parameter under a path (all pages), keyed by name relative to the path.
   *
   * @example
   * ```ts
   * const all = await ssm.getMultiple('/app', { recursive: true, transform: 'auto' });
   * ```
   */
  getMultiple: TypedGetMultiple<SSMGetMultipleOptions, string>['getMultiple'];
  /**
   * Retrieves many parameters by name with `GetParameters`, ten names a call, the calls in parallel, decrypted and
   * plain names batched apart. Per-name options override the global ones.
   *
   * @example
   * ```ts
   * const { '/app/a': a, '/app/b': b, _errors } = await ssm.getParametersByName(
   *   { '/app/a': {}, '/app/b': { transform: 'json', decrypt: true } },
   *   { maxAge: 60, throwOnError: false },
   * );
   * ```
   */
  getParametersByName<ExplicitUserProvidedType = undefined>(
    parameters: Record<string, SSMGetParametersByNameOptions>,
    options?: SSMGetParametersByNameOptions,
  ): Promise<SSMGetParametersByNameOutput<ExplicitUserProvidedType>>;
  /**
   * Starts fetching parameters with `GetParameters` (ten a call, in parallel) before they are read (at module
   * scope, so in Lambda during INIT); later `get`s and `getParametersByName` calls share the requests or hit the
   * cache. Never rejects: a failure surfaces on the first read that needs the value.
   *
   * @example
   * ```ts
   * ssm.prefetchByName({ '/app/url': {}, '/app/config': { transform: 'json' } });
   * ```
   */
  prefetchByName(
    parameters: Record<string, SSMGetParametersByNameOptions>,
    options?: Omit<SSMGetParametersByNameOptions, 'throwOnError'>,
  ): Promise<void>;
  /**
   * Creates or updates a parameter with `PutParameter` and returns its new version. The cached values of that
   * name are replaced, so the next `get` sees the new value.
   *
   * @example
   * ```ts
   * const version = await ssm.set('/app/flag', { value: 'on', overwrite: true });
   * ```
   */
  set<InferredFromOptionsType extends SSMSetOptions | undefined = SSMSetOptions>(
    name: string,
    options: InferredFromOptionsType & SSMSetOptions,
  ): Promise<number>;
}

/**
 * Reads and writes AWS Systems Manager Parameter Store parameters, with the cache of `BaseProvider`.
 *
 * @example
 * ```ts
 * import { SSMProvider } from '@paramkit/parameters/ssm';
 *
 * const ssm = new SSMProvider({ clientConfig: { region: 'eu-west-1' } });
 * const db = await ssm.get('/app/db', { decrypt: true, transform: 'json', maxAge: 60 });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface of the same name types get/getMultiple once (TypedGet), BaseProvider implements them; the rest come from withSsmMethods (SSMProvider.ts)
export class SSMProvider extends BaseProvider {
  /**
   * Fills in `ssmInternals`, once.
   * Done on the first construction rather than in a static block: a bundler must keep a static block, and with it
   * this class and everything under it, in any bundle of the package's shared module (one that imports only an
   * error class, say).
   */
  static #shareInternals(): void {
    internalsShared = true;
    ssmInternals.decrypts = (provider, options) => (provider as SSMProvider).#decrypts(options);
  }

  /** The environment's default, or why it could not be read (thrown by the reads that need it). */
  #decryptByDefault: boolean | GetParameterError;

  constructor(config: SSMProviderOptions = {}) {
    super({ awsSdkV3ClientPrototype: SSMClient, ...config });
    if (!internalsShared) SSMProvider.#shareInternals();
    this.#decryptByDefault = decryptDefaultFromEnv(ENV.ssmDecrypt);
  }

  /** The `SSMClient`, created on first use when none was given. */
  declare public client: SSMClient;

  /** Re-reads `POWERTOOLS_PARAMETERS_SSM_DECRYPT` along with the base settings. */
  public override clearCache(): void {
    super.clearCache();
    this.#decryptByDefault = decryptDefaultFromEnv(ENV.ssmDecrypt);
  }

  protected override async _get(name: string, options?: NonNullable<SSMGetOptions>): Promise<string | undefined> {
    const input: GetParameterCommandInput = {
      ...options?.sdkOptions,
      Name: name,
      WithDecryption: this.#decrypts(options),
    };
    // Not found fails as the SDK says, whatever this read's `throwOnMissing`: the request is shared, and each read
    // that waits on it applies its own (a missing value becomes ParameterNotFoundError in `get`).
    const output = await this.send<GetParameterCommandOutput>(new GetParameterCommand(input));
    return output.Parameter?.Value;
  }

  /**
   * Fetches every parameter under a path (`GetParametersByPath`, all pages). This stands in until `withSsmMethods`
   * (in `SSMProvider.ts`, loaded with the class or any helper but `getParameter`) puts the reader in its place.
   */
  protected override _getMultiple(
    _path: string,
    _options?: NonNullable<SSMGetMultipleOptions>,
  ): Promise<Record<string, string | undefined>> {
    return Promise.reject(methodsNotAdded());
  }

  /** Whether a read with these options decrypts (option, then `sdkOptions`, then the environment's default). */
  #decrypts(options: DecryptOptions | undefined): boolean {
    const own = options?.decrypt ?? options?.sdkOptions?.WithDecryption;
    if (own !== undefined) return own;
    if (typeof this.#decryptByDefault !== 'boolean') throw this.#decryptByDefault;
    return this.#decryptByDefault;
  }

  /** Decryption, recursion and value-selecting SDK options are part of the key; `get` and `getMultiple` differ anyway. */
  protected override cacheKeyVariant(options: AnySSMOptions): string {
    const decrypt = this.#decrypts(options) ? 'd' : '';
    const sdk = options.sdkOptions as Record<string, unknown> | undefined;
    if (sdk === undefined && options.recursive === undefined) return decrypt;
    const selecting: Record<string, unknown> = {};
    for (const [member, value] of Object.entries(sdk ?? {})) {
      if (!NON_SELECTING_SDK_OPTIONS.has(member)) selecting[member] = value;
    }
    const recursive = options.recursive ?? sdk?.Recursive;
    return `${decrypt}${recursive ? 'r' : ''}${stableStringify(selecting)}`;
  }
}
