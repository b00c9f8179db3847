import {
  GetParameterCommand,
  type GetParameterCommandInput,
  type GetParameterCommandOutput,
  GetParametersByPathCommand,
  type GetParametersByPathCommandInput,
  type GetParametersByPathCommandOutput,
  PutParameterCommand,
  type PutParameterCommandInput,
  type PutParameterCommandOutput,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { BaseProvider } from '../base/BaseProvider.js';
import { stableStringify } from '../base/cacheKey.js';
import { booleanFromEnv } from '../base/env.js';
import { ENV } from '../constants.js';
import { isNotFoundError } from '../engine/errorKinds.js';
import { SetParameterError } from '../errors.js';
import type {
  GetMaybeUndefined,
  SSMGetMultipleOptions,
  SSMGetMultipleOutput,
  SSMGetOptions,
  SSMGetOutput,
  SSMGetParametersByNameOptions,
  SSMGetParametersByNameOutput,
  SSMProviderOptions,
  SSMSetOptions,
} from '../types/SSMProvider.js';
import { type BatchHooks, getParametersByNameBatched } from './parametersByName.js';

type AnySSMOptions = NonNullable<SSMGetOptions> & NonNullable<SSMGetMultipleOptions>;

/** `sdkOptions` members that are set from other options or do not change which values come back. */
const NON_SELECTING_SDK_OPTIONS = new Set(['Name', 'Path', 'WithDecryption', 'Recursive', 'MaxResults', 'NextToken']);

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
export class SSMProvider extends BaseProvider {
  #decryptByDefault: boolean;

  constructor(config: SSMProviderOptions = {}) {
    super({ awsSdkV3ClientPrototype: SSMClient, ...config });
    this.#decryptByDefault = booleanFromEnv(ENV.ssmDecrypt, false);
  }

  /** The `SSMClient`, created on first use when none was given. */
  public override get client(): SSMClient {
    return super.client as SSMClient;
  }

  public override set client(client: SSMClient) {
    super.client = client;
  }

  /**
   * Retrieves one parameter. Names may carry a version or label selector (`/app/db:3`, `/app/db:prod`).
   *
   * @example
   * ```ts
   * const url = await ssm.get('/app/url'); // string | undefined
   * const cfg = await ssm.get('/app/cfg', { transform: 'json', throwOnMissing: true }); // JSONValue
   * ```
   */
  public override get<
    ExplicitUserProvidedType = undefined,
    InferredFromOptionsType extends SSMGetOptions | undefined = SSMGetOptions,
  >(
    name: string,
    options: NonNullable<InferredFromOptionsType & SSMGetOptions> & { throwOnMissing: true },
  ): Promise<SSMGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
  public override get<
    ExplicitUserProvidedType = undefined,
    InferredFromOptionsType extends SSMGetOptions | undefined = SSMGetOptions,
  >(
    name: string,
    options?: NonNullable<InferredFromOptionsType & SSMGetOptions>,
  ): Promise<
    GetMaybeUndefined<SSMGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>, InferredFromOptionsType>
  >;
  public override get(name: string, options?: SSMGetOptions): Promise<unknown> {
    return super.get(name, options);
  }

  /**
   * Retrieves every parameter under a path (all pages), keyed by name relative to the path.
   *
   * @example
   * ```ts
   * const all = await ssm.getMultiple('/app', { recursive: true, transform: 'auto' });
   * ```
   */
  public override getMultiple<
    ExplicitUserProvidedType = undefined,
    InferredFromOptionsType extends SSMGetMultipleOptions | undefined = SSMGetMultipleOptions,
  >(
    path: string,
    options?: NonNullable<InferredFromOptionsType & SSMGetMultipleOptions>,
  ): Promise<SSMGetMultipleOutput<ExplicitUserProvidedType, InferredFromOptionsType> | undefined>;
  public override getMultiple(path: string, options?: SSMGetMultipleOptions): Promise<unknown> {
    return super.getMultiple(path, options);
  }

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
  public getParametersByName<ExplicitUserProvidedType = undefined>(
    parameters: Record<string, SSMGetParametersByNameOptions>,
    options?: SSMGetParametersByNameOptions,
  ): Promise<SSMGetParametersByNameOutput<ExplicitUserProvidedType>> {
    const hooks: BatchHooks = {
      engine: this.engine,
      send: (command) => this.send(command),
      keyFor: (name, opts) => this.cacheKeyOf(name, opts),
      maxAgeMs: (maxAge) => this.maxAgeMsOf(maxAge),
      transform: (raw, name, opts) => this.transformAndValidate(raw, name, opts),
      sourceOf: (name, opts) => this.singleSource(name, opts),
      decryptByDefault: this.#decryptByDefault,
    };
    return getParametersByNameBatched(hooks, parameters, options) as Promise<
      SSMGetParametersByNameOutput<ExplicitUserProvidedType>
    >;
  }

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
  public async prefetchByName(
    parameters: Record<string, SSMGetParametersByNameOptions>,
    options?: Omit<SSMGetParametersByNameOptions, 'throwOnError'>,
  ): Promise<void> {
    await this.getParametersByName(parameters, { ...options, throwOnError: false }).catch(() => undefined);
  }

  /**
   * Creates or updates a parameter with `PutParameter` and returns its new version. The cached values of that
   * name are replaced, so the next `get` sees the new value.
   *
   * @example
   * ```ts
   * const version = await ssm.set('/app/flag', { value: 'on', overwrite: true });
   * ```
   */
  public async set<InferredFromOptionsType extends SSMSetOptions | undefined = SSMSetOptions>(
    name: string,
    options: InferredFromOptionsType & SSMSetOptions,
  ): Promise<number> {
    if (typeof name !== 'string' || name === '') throw new TypeError('The name must be a non-empty string');
    if (typeof options?.value !== 'string') {
      throw new TypeError(`The value to set for '${name}' must be a string`);
    }
    const type = options.parameterType ?? 'String';
    const input: PutParameterCommandInput = {
      Tier: options.tier ?? 'Standard',
      Type: type,
      Overwrite: options.overwrite ?? false,
      ...(options.kmsKeyId ? { KeyId: options.kmsKeyId } : {}),
      ...(options.description ? { Description: options.description } : {}),
      ...options.sdkOptions,
      Name: name,
      Value: options.value,
    };
    let output: PutParameterCommandOutput;
    try {
      output = await this.send(new PutParameterCommand(input));
    } catch (error) {
      throw new SetParameterError(`Unable to set parameter with name ${name}`, { cause: error });
    }
    this.invalidate(name);
    this.cacheValue(this.getCacheKey(name, { decrypt: input.Type === 'SecureString' }), options.value, undefined);
    return output.Version as number;
  }

  /** Re-reads `POWERTOOLS_PARAMETERS_SSM_DECRYPT` along with the base settings. */
  public override clearCache(): void {
    super.clearCache();
    this.#decryptByDefault = booleanFromEnv(ENV.ssmDecrypt, false);
  }

  protected override async _get(name: string, options?: NonNullable<SSMGetOptions>): Promise<string | undefined> {
    const input: GetParameterCommandInput = {
      ...options?.sdkOptions,
      Name: name,
      WithDecryption: this.#decrypt(options),
    };
    try {
      const output = await this.send<GetParameterCommandOutput>(new GetParameterCommand(input));
      return output.Parameter?.Value;
    } catch (error) {
      if (options?.throwOnMissing && isNotFoundError(error)) return undefined;
      throw error;
    }
  }

  protected override async _getMultiple(
    path: string,
    options?: NonNullable<SSMGetMultipleOptions>,
  ): Promise<Record<string, string | undefined>> {
    const input: GetParametersByPathCommandInput = {
      ...options?.sdkOptions,
      Path: path,
      WithDecryption: this.#decrypt(options),
      Recursive: options?.recursive ?? options?.sdkOptions?.Recursive,
    };
    const parameters: Record<string, string | undefined> = {};
    let nextToken: string | undefined;
    do {
      const page: GetParametersByPathCommandOutput = await this.send(
        new GetParametersByPathCommand({ ...input, NextToken: nextToken }),
      );
      for (const parameter of page.Parameters ?? []) {
        const fullName = parameter.Name ?? '';
        let relative = fullName.startsWith(path) ? fullName.slice(path.length) : fullName;
        if (relative.startsWith('/')) relative = relative.slice(1);
        parameters[relative] = parameter.Value;
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return parameters;
  }

  /** Decryption, recursion and value-selecting SDK options are part of the key; `get` and `getMultiple` differ anyway. */
  protected override cacheKeyVariant(options: AnySSMOptions): string {
    const decrypt = this.#decrypt(options) ? 'd' : '';
    const sdk = options.sdkOptions as Record<string, unknown> | undefined;
    if (sdk === undefined && options.recursive === undefined) return decrypt;
    const selecting: Record<string, unknown> = {};
    for (const [member, value] of Object.entries(sdk ?? {})) {
      if (!NON_SELECTING_SDK_OPTIONS.has(member)) selecting[member] = value;
    }
    const recursive = options.recursive ?? sdk?.Recursive;
    return `${decrypt}${recursive ? 'r' : ''}${stableStringify(selecting)}`;
  }

  #decrypt(options: { decrypt?: boolean; sdkOptions?: { WithDecryption?: boolean } } | undefined): boolean {
    return options?.decrypt ?? options?.sdkOptions?.WithDecryption ?? this.#decryptByDefault;
  }
}
