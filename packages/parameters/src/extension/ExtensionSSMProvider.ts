import { BaseProvider } from '../base/BaseProvider.js';
import { decryptDefaultFromEnv } from '../base/env.js';
import { ENV } from '../constants.js';
import { GetParameterError } from '../errors.js';
import type { GetOptionsInterface } from '../types/BaseProvider.js';
import type {
  ExtensionProviderOptions,
  ExtensionSSMGetMultipleOptions,
  ExtensionSSMGetOptions,
} from '../types/Extension.js';
import type { TypedGet, TypedGetMultiple } from '../types/TypedProvider.js';
import { ExtensionClient } from './ExtensionClient.js';
import { splitOptions } from './splitOptions.js';

interface ParameterAnswer {
  Name?: string | null;
  Value?: string | null;
}

type AnyOptions = GetOptionsInterface & { decrypt?: boolean; recursive?: boolean };

export interface ExtensionSSMProvider {
  /**
   * Retrieves one parameter. Names may carry a version or label selector (`/app/db:3`, `/app/db:prod`).
   *
   * @example
   * ```ts
   * const db = await ssm.get('/app/db', { decrypt: true, transform: 'json', throwOnMissing: true });
   * ```
   */
  get: TypedGet<ExtensionSSMGetOptions, string>['get'];
  /**
   * Retrieves every parameter under a path, keyed by name relative to the path (paramkit-agent only).
   *
   * @example
   * ```ts
   * const all = await ssm.getMultiple('/app', { recursive: true, transform: 'auto' });
   * ```
   */
  getMultiple: TypedGetMultiple<ExtensionSSMGetMultipleOptions, string>['getMultiple'];
}

/**
 * Reads SSM Parameter Store parameters through the AWS Parameters and Secrets Lambda Extension or
 * `paramkit-agent` (`/systemsmanager/parameters/get`), with the cache of `BaseProvider` in front. No AWS SDK is
 * loaded. `getMultiple` uses `paramkit-agent`'s `get-by-path`, which the AWS extension does not have.
 *
 * @example
 * ```ts
 * import { ExtensionSSMProvider } from '@paramkit/parameters/extension';
 *
 * const ssm = new ExtensionSSMProvider();
 * const url = await ssm.get('/app/url', { maxAge: 60 });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface of the same name types get/getMultiple once (TypedGet), BaseProvider implements them
export class ExtensionSSMProvider extends BaseProvider {
  /** The HTTP client talking to the extension. */
  readonly extension: ExtensionClient;
  /** The environment's default, or why it could not be read (thrown by the reads that need it). */
  #decryptByDefault: boolean | GetParameterError;

  constructor(options: ExtensionProviderOptions = {}) {
    const { connection, cache } = splitOptions(options);
    super(cache);
    this.extension = new ExtensionClient(connection);
    this.#decryptByDefault = decryptDefaultFromEnv(ENV.ssmDecrypt);
  }

  /** Re-reads `POWERTOOLS_PARAMETERS_SSM_DECRYPT` along with the base settings. */
  public override clearCache(): void {
    super.clearCache();
    this.#decryptByDefault = decryptDefaultFromEnv(ENV.ssmDecrypt);
  }

  protected override async _get(name: string, options?: AnyOptions): Promise<string | undefined> {
    const query = `name=${encodeURIComponent(name)}&withDecryption=${this.#decrypt(options)}`;
    this.countApiCalls(1);
    const answer = (await this.extension.get(`/systemsmanager/parameters/get?${query}`, `parameter '${name}'`)) as
      | { Parameter?: ParameterAnswer | null }
      | undefined;
    return answer?.Parameter?.Value ?? undefined;
  }

  protected override async _getMultiple(path: string, options?: AnyOptions): Promise<Record<string, string>> {
    const query =
      `path=${encodeURIComponent(path)}&recursive=${options?.recursive === true}` +
      `&withDecryption=${this.#decrypt(options)}`;
    this.countApiCalls(1);
    const answer = (await this.extension.get(
      `/systemsmanager/parameters/get-by-path?${query}`,
      `parameters under '${path}'`,
    )) as { Parameters?: ParameterAnswer[] } | undefined;
    if (answer === undefined) {
      throw new GetParameterError('The extension has no get-by-path route (paramkit-agent has; the AWS one has not)');
    }
    const values: Record<string, string> = {};
    for (const parameter of answer.Parameters ?? []) {
      const fullName = parameter.Name ?? '';
      let relative = fullName.startsWith(path) ? fullName.slice(path.length) : fullName;
      if (relative.startsWith('/')) relative = relative.slice(1);
      if (typeof parameter.Value === 'string') values[relative] = parameter.Value;
    }
    return values;
  }

  /** Decryption and recursion are part of the key. */
  protected override cacheKeyVariant(options: AnyOptions): string {
    return `${this.#decrypt(options) ? 'd' : ''}${options.recursive ? 'r' : ''}`;
  }

  #decrypt(options: AnyOptions | undefined): boolean {
    if (options?.decrypt !== undefined) return options.decrypt;
    if (typeof this.#decryptByDefault !== 'boolean') throw this.#decryptByDefault;
    return this.#decryptByDefault;
  }
}
