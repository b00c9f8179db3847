import { AwsServiceError, restJsonErrorResponse } from '../core/awsJson.js';
import type { EmulatedService, EmulatorRequest, EmulatorResponse, ServiceContext } from '../core/types.js';
import { badRequest } from './appConfigData/errors.js';
import { configurationToken, parseStartSession } from './appConfigData/requests.js';
import { parseAppConfigSeed } from './appConfigData/seed.js';
import { SessionStore } from './appConfigData/sessions.js';
import { type AppConfigDeployment, AppConfigStore, DEFAULT_POLL_INTERVAL_SECONDS } from './appConfigData/store.js';

export type {
  AppConfigSeed,
  AppConfigSeedApplication,
  AppConfigSeedEnvironment,
  AppConfigSeedProfile,
} from './appConfigData/seed.js';
export type { AppConfigDeployment } from './appConfigData/store.js';

/** Options of `AppConfigDataService`. */
export interface AppConfigDataOptions {
  /**
   * Refuse a poll made before the session's poll interval has passed, with `BadRequestException`
   * (`Request too early`, problem `PollIntervalNotSatisfied`), as AWS does.
   * @default true
   */
  enforcePollInterval?: boolean;
}

/**
 * AWS AppConfigData (REST-JSON): `StartConfigurationSession` and `GetLatestConfiguration`, with single-use tokens that
 * expire after 24 hours, empty answers while nothing new is deployed, and AWS's poll-interval rule.
 *
 * @example
 * ```ts
 * const appConfig = core.register(new AppConfigDataService(core.context));
 * appConfig.deploy({ application: 'shop', environment: 'prod', profile: 'flags', content: { beta: true } });
 * ```
 */
export class AppConfigDataService implements EmulatedService {
  readonly name = 'appconfigdata';
  readonly seedKeys = ['appconfig'] as const;
  readonly #store = new AppConfigStore();
  readonly #sessions: SessionStore;

  constructor(context: ServiceContext, options: AppConfigDataOptions = {}) {
    this.#sessions = new SessionStore(() => context.now());
    this.#sessions.enforcePollInterval = options.enforcePollInterval ?? true;
  }

  /** Whether polls made before the session's interval has passed are refused (see `AppConfigDataOptions`). */
  get enforcePollInterval(): boolean {
    return this.#sessions.enforcePollInterval;
  }

  set enforcePollInterval(value: boolean) {
    this.#sessions.enforcePollInterval = value;
  }

  /**
   * Deploys a new configuration version, creating the application, environment and profile when missing. Sessions
   * pick it up on their next poll. Returns the new hosted configuration version number (per profile, from 1).
   */
  deploy(deployment: AppConfigDeployment): number {
    return this.#store.deploy(deployment).version;
  }

  /**
   * The ids of an application and, optionally, one of its environments and profiles (given by name or id), for
   * tests that start sessions by id. `undefined` when any of them is unknown.
   */
  ids(
    application: string,
    environment?: string,
    profile?: string,
  ): { applicationId: string; environmentId?: string; profileId?: string } | undefined {
    return this.#store.ids(application, environment, profile);
  }

  /** Loads the `appconfig` section of a seed (see `AppConfigSeed`); each profile in it is deployed anew. */
  load(seed: unknown): void {
    for (const step of parseAppConfigSeed(seed)) {
      if (step.kind === 'declare') this.#store.declare(step.application, step.environment, step.ids);
      else this.#store.deploy(step.deployment, step.ids);
    }
  }

  /** Forgets every application, deployment, session and token. */
  reset(): void {
    this.#store.clear();
    this.#sessions.clear();
  }

  route(request: EmulatorRequest): string | undefined {
    if (request.method === 'POST' && request.path === '/configurationsessions') return 'StartConfigurationSession';
    if (request.method === 'GET' && request.path === '/configuration') return 'GetLatestConfiguration';
    return undefined;
  }

  /** `route` claims only the two operations this service speaks. */
  implementsOperation(operation: string): boolean {
    return operation === 'StartConfigurationSession' || operation === 'GetLatestConfiguration';
  }

  handle(operation: string, request: EmulatorRequest): EmulatorResponse {
    if (operation === 'StartConfigurationSession') return this.#startSession(request);
    if (operation === 'GetLatestConfiguration') return this.#getLatest(request);
    throw badRequest(`The emulator does not implement the AppConfigData operation ${operation}.`);
  }

  /**
   * Renders errors as REST-JSON. The core's generic codes are renamed to AppConfigData's modelled ones (and
   * throttling gets its modelled HTTP 429) so the SDK raises the service's own exception classes.
   */
  errorResponse(error: AwsServiceError): EmulatorResponse {
    if (error.code === 'InternalServerError') {
      return restJsonErrorResponse(new AwsServiceError('InternalServerException', error.message, 500, error.extra));
    }
    if (error.code === 'ThrottlingException') {
      return restJsonErrorResponse(new AwsServiceError(error.code, error.message, 429, error.extra));
    }
    return restJsonErrorResponse(error);
  }

  #startSession(request: EmulatorRequest): EmulatorResponse {
    const input = parseStartSession(request);
    const target = this.#store.resolve(input.application, input.environment, input.profile);
    const deployed = target.environment.deployments.get(target.profile.id);
    const pollIntervalSeconds =
      input.requiredMinimumPollIntervalInSeconds ?? deployed?.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
    const token = this.#sessions.start(target, pollIntervalSeconds);
    return {
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ InitialConfigurationToken: token }),
    };
  }

  #getLatest(request: EmulatorRequest): EmulatorResponse {
    const result = this.#sessions.poll(configurationToken(request));
    const headers: Record<string, string> = {
      'next-poll-configuration-token': result.nextToken,
      'next-poll-interval-in-seconds': String(result.pollIntervalSeconds),
      'content-type': result.deployment.contentType,
    };
    if (!result.changed) return { status: 200, headers, body: new Uint8Array() };
    if (result.deployment.versionLabel !== undefined) headers['version-label'] = result.deployment.versionLabel;
    return { status: 200, headers, body: result.deployment.content };
  }
}
