import { BaseProvider } from '../base/BaseProvider.js';
import type {
  ExtensionProviderOptions,
  ExtensionSecretsGetOptions,
  ExtensionSecretVersion,
} from '../types/Extension.js';
import type { TypedGet } from '../types/TypedProvider.js';
import { ExtensionClient } from './ExtensionClient.js';
import { splitOptions } from './splitOptions.js';

interface SecretAnswer {
  SecretString?: string | null;
  SecretBinary?: string | null;
}

export interface ExtensionSecretsProvider {
  /**
   * Retrieves one secret: its AWSCURRENT version, or the one `sdkOptions.VersionId` / `VersionStage` select.
   *
   * @example
   * ```ts
   * const token = await secrets.get('api/token'); // string | Uint8Array | undefined
   * const previous = await secrets.get('api/token', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } });
   * ```
   */
  get: TypedGet<ExtensionSecretsGetOptions, string | Uint8Array>['get'];
}

/**
 * Reads Secrets Manager secrets through the AWS Parameters and Secrets Lambda Extension or `paramkit-agent`
 * (`/secretsmanager/get`), with the cache of `BaseProvider` in front. No AWS SDK is loaded. `SecretString` values
 * come back as text, `SecretBinary` values as bytes.
 *
 * @example
 * ```ts
 * import { ExtensionSecretsProvider } from '@paramkit/parameters/extension';
 *
 * const secrets = new ExtensionSecretsProvider({ port: 2773 });
 * const db = await secrets.get('prod/db', { transform: 'json', maxAge: 60 });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface of the same name types get/getMultiple once (TypedGet), BaseProvider implements them
export class ExtensionSecretsProvider extends BaseProvider {
  /** The HTTP client talking to the extension. */
  readonly extension: ExtensionClient;

  constructor(options: ExtensionProviderOptions = {}) {
    const { connection, cache } = splitOptions(options);
    super(cache);
    this.extension = new ExtensionClient(connection);
  }

  protected override async _get(
    name: string,
    options?: NonNullable<ExtensionSecretsGetOptions>,
  ): Promise<string | Uint8Array | undefined> {
    const version = options?.sdkOptions;
    let query = `secretId=${encodeURIComponent(name)}`;
    if (version?.VersionId !== undefined) query += `&versionId=${encodeURIComponent(version.VersionId)}`;
    if (version?.VersionStage !== undefined) query += `&versionStage=${encodeURIComponent(version.VersionStage)}`;
    this.countApiCalls(1);
    const answer = (await this.extension.get(`/secretsmanager/get?${query}`, `secret '${name}'`)) as
      | SecretAnswer
      | undefined;
    if (typeof answer?.SecretString === 'string') return answer.SecretString;
    if (typeof answer?.SecretBinary === 'string') return new Uint8Array(Buffer.from(answer.SecretBinary, 'base64'));
    return undefined;
  }

  protected override _getMultiple(): Promise<Record<string, unknown>> {
    return Promise.reject(new Error('Method not implemented.'));
  }

  /** The version selectors are part of the key. */
  protected override cacheKeyVariant(options: { sdkOptions?: unknown }): string {
    const version = options.sdkOptions as ExtensionSecretVersion | undefined;
    if (version?.VersionId === undefined && version?.VersionStage === undefined) return '';
    return `${version.VersionId ?? ''}\u001e${version.VersionStage ?? ''}`;
  }
}
