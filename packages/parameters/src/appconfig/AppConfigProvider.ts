import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { BaseProvider } from '../base/BaseProvider.js';
import { readSystemClock } from '../base/resolveProviderOptions.js';
import { METHOD_NOT_IMPLEMENTED } from '../constants.js';
import { isNotFoundError } from '../engine/errorKinds.js';
import { GetParameterError, ParameterNotFoundError } from '../errors.js';
import type {
  AppConfigGetOptions,
  AppConfigGetOptionsBase,
  AppConfigGetOutput,
  AppConfigProviderOptions,
  GetMaybeUndefined,
} from '../types/AppConfigProvider.js';
import { ConfigurationSession, type SessionTarget, type SessionTransport } from './ConfigurationSession.js';
import { checkIdentifier, resolveApplication } from './identifiers.js';

/**
 * Reads AWS AppConfig configuration profiles through AppConfigData sessions, with the cache of `BaseProvider`.
 *
 * Each (application, environment, profile) has one configuration session: it is started once, then polled with the
 * token of the previous poll, never more often than the poll interval AppConfig asks for, and renewed when its token
 * expires. An empty answer means "unchanged" and the last configuration is returned.
 *
 * @example
 * ```ts
 * import { AppConfigProvider } from '@paramkit/parameters/appconfig';
 *
 * const appConfig = new AppConfigProvider({ application: 'shop', environment: 'prod' });
 * const flags = await appConfig.get('flags', { transform: 'json', maxAge: 60 });
 * ```
 */
export class AppConfigProvider extends BaseProvider {
  readonly #application: string;
  readonly #environment: string;
  readonly #transport: SessionTransport;
  #sessions = new Map<string, ConfigurationSession>();
  /** Cache-key variants by application, then environment. */
  readonly #variants = new Map<string, Map<string, string>>();

  constructor(options: AppConfigProviderOptions) {
    super({ awsSdkV3ClientPrototype: AppConfigDataClient, ...options });
    this.#application = resolveApplication(options.application);
    checkIdentifier(options.environment, 'environment');
    this.#environment = options.environment;
    // The base checked that `now` is a function; sessions use the same clock so tests can move time for both.
    const now = options.now ?? readSystemClock;
    this.#transport = { send: <Output>(command: unknown) => this.send<Output>(command), now: () => now() };
  }

  /** The `AppConfigDataClient`, created on first use when none was given. */
  declare public client: AppConfigDataClient;

  /**
   * Retrieves a configuration profile: bytes, or a string (`binary`), a JSON value (`json`), a function's result or
   * a schema's output. `undefined` when the configuration is empty.
   *
   * @example
   * ```ts
   * const raw = await appConfig.get('motd'); // Uint8Array | undefined
   * const flags = await appConfig.get('flags', { transform: 'json', throwOnMissing: true }); // JSONValue
   * const staging = await appConfig.get('flags', { environment: 'staging', transform: 'json' });
   * ```
   */
  public override get<
    ExplicitUserProvidedType = undefined,
    InferredFromOptionsType extends AppConfigGetOptions | undefined = AppConfigGetOptions,
  >(
    name: string,
    options: NonNullable<InferredFromOptionsType & AppConfigGetOptions> & { throwOnMissing: true },
  ): Promise<AppConfigGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
  public override get<
    ExplicitUserProvidedType = undefined,
    InferredFromOptionsType extends AppConfigGetOptions | undefined = AppConfigGetOptions,
  >(
    name: string,
    options?: NonNullable<InferredFromOptionsType & AppConfigGetOptions>,
  ): Promise<
    GetMaybeUndefined<AppConfigGetOutput<ExplicitUserProvidedType, InferredFromOptionsType>, InferredFromOptionsType>
  >;
  public override async get(name: string, options?: AppConfigGetOptions): Promise<unknown> {
    // Checked before the cache, so a bad per-call override is reported as what it is, not as a failed fetch.
    if (options?.application !== undefined) checkIdentifier(options.application, 'application');
    if (options?.environment !== undefined) checkIdentifier(options.environment, 'environment');
    return super.get(name, options);
  }

  /**
   * Not supported: AppConfig has no way to list configurations. Rejects with `GetParameterError` and Powertools'
   * message, `Method not implemented.`, without calling the service; the `cause` says what to use instead.
   *
   * @example
   * ```ts
   * await appConfig.getMultiple('flags'); // rejects: read each profile with get()
   * ```
   */
  public override async getMultiple(path: string, _options?: unknown): Promise<void> {
    const cause = new Error(
      `AppConfig has no paths, so '${path}' cannot be listed: read each configuration profile with get()`,
    );
    throw new GetParameterError(METHOD_NOT_IMPLEMENTED, { cause });
  }

  /**
   * Empties the cache and forgets every configuration session and last configuration, so the next `get` starts a
   * new session.
   *
   * @example
   * ```ts
   * afterEach(() => appConfig.clearCache());
   * ```
   */
  public override clearCache(): void {
    super.clearCache();
    // A poll still in flight finishes on its (now forgotten) session object and does not touch the new map.
    this.#sessions = new Map();
  }

  protected override async _get(
    name: string,
    options?: NonNullable<AppConfigGetOptions>,
  ): Promise<Uint8Array | undefined> {
    const target: SessionTarget = {
      application: options?.application ?? this.#application,
      environment: options?.environment ?? this.#environment,
      profile: name,
    };
    // A missing profile fails as the SDK says; each read sharing this request applies its own `throwOnMissing`.
    return this.#session(target).latest(options?.sdkOptions);
  }

  /** With `throwOnMissing`, a missing profile is a `ParameterNotFoundError` that names where it was looked for. */
  protected override missingValueError(
    name: string,
    options: NonNullable<AppConfigGetOptions>,
    failure?: unknown,
  ): Error | undefined {
    if (!isNotFoundError(failure)) return super.missingValueError(name, options, failure);
    const application = options.application ?? this.#application;
    const environment = options.environment ?? this.#environment;
    const where = `${application}/${environment}`;
    return new ParameterNotFoundError(`Configuration profile ${name} not found in ${where}`, { cause: failure });
  }

  /** Not supported by AppConfig (as in Powertools, whose signature it keeps for subclasses). */
  protected override async _getMultiple(
    _path: string,
    _sdkOptions?: unknown,
  ): Promise<Record<string, unknown> | undefined> {
    throw new Error(METHOD_NOT_IMPLEMENTED);
  }

  /**
   * Application and environment are part of the key, so values of two environments never mix; `sdkOptions` are not,
   * as they only shape a new session and do not select another value.
   */
  protected override cacheKeyVariant(options: AppConfigGetOptionsBase): string {
    const application = options.application ?? this.#application;
    const environment = options.environment ?? this.#environment;
    // Memoised per pair: this runs on every get, cache hits included, and the helper names both on each call.
    let byEnvironment = this.#variants.get(application);
    if (byEnvironment === undefined) {
      byEnvironment = new Map();
      this.#variants.set(application, byEnvironment);
    }
    let variant = byEnvironment.get(environment);
    if (variant === undefined) {
      variant = JSON.stringify([application, environment]);
      byEnvironment.set(environment, variant);
    }
    return variant;
  }

  #session(target: SessionTarget): ConfigurationSession {
    const key = JSON.stringify([target.application, target.environment, target.profile]);
    let session = this.#sessions.get(key);
    if (session === undefined) {
      session = new ConfigurationSession(target, this.#transport);
      this.#sessions.set(key, session);
    }
    return session;
  }
}
