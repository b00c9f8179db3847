import { createHash } from 'node:crypto';
import { resourceNotFound } from './errors.js';

/** AWS's default for `RequiredMinimumPollIntervalInSeconds` when a session does not ask for one. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 60;

/** What `AppConfigDataService.deploy` accepts. */
export interface AppConfigDeployment {
  /** Application name; created when missing. */
  application: string;
  /** Environment name within the application; created when missing. */
  environment: string;
  /** Configuration profile name within the application; created when missing. */
  profile: string;
  /** Strings and bytes are served as they are; anything else is served as JSON. */
  content: string | Uint8Array | object;
  /**
   * `Content-Type` of the served configuration.
   * @default 'application/json' for objects, 'text/plain' for strings, 'application/octet-stream' for bytes
   */
  contentType?: string;
  /** Sent as the `Version-Label` header. */
  versionLabel?: string;
  /**
   * Poll interval of sessions that do not pass `RequiredMinimumPollIntervalInSeconds` (15..86400).
   * @default the previous deployment's, else 60 (AWS's default)
   */
  pollIntervalSeconds?: number;
}

/** Ids to give new resources instead of generated ones (seeds use them to pin ids). */
export interface ResourceIds {
  application?: string;
  environment?: string;
  profile?: string;
}

/** One hosted configuration version as deployed to one environment. */
export interface Deployment {
  /** Hosted configuration version number, counted per configuration profile from 1. */
  readonly version: number;
  readonly content: Uint8Array;
  readonly contentType: string;
  readonly versionLabel: string | undefined;
  readonly pollIntervalSeconds: number;
}

interface Named {
  readonly id: string;
  readonly name: string;
}

/** An environment and what is deployed to it, per configuration profile id. */
export interface Environment extends Named {
  readonly deployments: Map<string, Deployment>;
}

/** A configuration profile; like AWS, profiles belong to the application, not to an environment. */
export interface Profile extends Named {
  lastVersion: number;
}

interface Application extends Named {
  readonly environments: Map<string, Environment>;
  readonly profiles: Map<string, Profile>;
}

/** The application, environment and profile a session reads from. */
export interface ResolvedTarget {
  readonly applicationId: string;
  readonly environment: Environment;
  readonly profile: Profile;
}

/** Applications, environments, configuration profiles and their deployments. */
export class AppConfigStore {
  readonly #applications = new Map<string, Application>();

  /** Deploys a new hosted configuration version, creating the application, environment and profile as needed. */
  deploy(input: AppConfigDeployment, ids: ResourceIds = {}): Deployment {
    for (const key of ['application', 'environment', 'profile'] as const) {
      if (typeof input[key] !== 'string' || input[key] === '')
        throw new TypeError(`'${key}' must be a non-empty string`);
    }
    if (input.pollIntervalSeconds !== undefined) checkPollInterval(input.pollIntervalSeconds, 'pollIntervalSeconds');
    const application = this.#application(input.application, ids.application);
    const environment = this.#environment(application, input.environment, ids.environment);
    const profile = ensure(application.profiles, input.profile, ids.profile, 'profile', application.id, () => ({
      lastVersion: 0,
    }));
    const { bytes, defaultType } = encodeContent(input.content);
    const previous = environment.deployments.get(profile.id);
    profile.lastVersion += 1;
    const deployment: Deployment = {
      version: profile.lastVersion,
      content: bytes,
      contentType: input.contentType ?? defaultType,
      versionLabel: input.versionLabel,
      pollIntervalSeconds: input.pollIntervalSeconds ?? previous?.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
    };
    environment.deployments.set(profile.id, deployment);
    return deployment;
  }

  /** Creates an application, and an environment in it when named, without deploying anything. */
  declare(application: string, environment: string | undefined, ids: ResourceIds = {}): void {
    const app = this.#application(application, ids.application);
    if (environment !== undefined) this.#environment(app, environment, ids.environment);
  }

  /**
   * Finds what a `StartConfigurationSession` names; each identifier may be an id or a name. Throws AWS's
   * `ResourceNotFoundException` for the first missing piece, or for a profile never deployed to the environment.
   */
  resolve(applicationIdentifier: string, environmentIdentifier: string, profileIdentifier: string): ResolvedTarget {
    const application = find(this.#applications, applicationIdentifier);
    if (!application) {
      throw resourceNotFound('Application', `Application ${applicationIdentifier} not found.`, {
        ApplicationIdentifier: applicationIdentifier,
      });
    }
    const environment = find(application.environments, environmentIdentifier);
    if (!environment) {
      throw resourceNotFound('Environment', `Environment ${environmentIdentifier} not found.`, {
        EnvironmentIdentifier: environmentIdentifier,
      });
    }
    const profile = find(application.profiles, profileIdentifier);
    if (!profile) {
      throw resourceNotFound('ConfigurationProfile', `Configuration profile ${profileIdentifier} not found.`, {
        ConfigurationProfileIdentifier: profileIdentifier,
      });
    }
    // Failing here, not on the first poll, points the test author at the missing deploy straight away.
    if (!environment.deployments.has(profile.id)) {
      throw resourceNotFound(
        'Deployment',
        `Configuration profile ${profileIdentifier} has not been deployed to environment ${environmentIdentifier}.`,
        { EnvironmentIdentifier: environmentIdentifier, ConfigurationProfileIdentifier: profileIdentifier },
      );
    }
    return { applicationId: application.id, environment, profile };
  }

  /** The ids of an application and, when named, one of its environments and profiles; `undefined` when unknown. */
  ids(
    application: string,
    environment?: string,
    profile?: string,
  ): { applicationId: string; environmentId?: string; profileId?: string } | undefined {
    const app = find(this.#applications, application);
    if (!app) return undefined;
    const environmentId = environment === undefined ? undefined : find(app.environments, environment)?.id;
    const profileId = profile === undefined ? undefined : find(app.profiles, profile)?.id;
    if ((environment !== undefined && !environmentId) || (profile !== undefined && !profileId)) return undefined;
    return { applicationId: app.id, environmentId, profileId };
  }

  /** Forgets every application. */
  clear(): void {
    this.#applications.clear();
  }

  #application(name: string, id: string | undefined): Application {
    return ensure(this.#applications, name, id, 'application', '', () => ({
      environments: new Map(),
      profiles: new Map(),
    }));
  }

  #environment(application: Application, name: string, id: string | undefined): Environment {
    return ensure(application.environments, name, id, 'environment', application.id, () => ({
      deployments: new Map(),
    }));
  }
}

/** Throws a `TypeError` naming `field` unless `value` is a whole number of seconds AWS accepts (15..86400). */
export function checkPollInterval(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 15 || value > 86_400) {
    throw new TypeError(`'${field}' must be a whole number of seconds from 15 to 86400, got ${JSON.stringify(value)}`);
  }
}

/** Looks an entry up by id first, then by name, as AWS accepts either as an identifier. */
function find<T extends Named>(entries: Map<string, T>, identifier: string): T | undefined {
  const byId = entries.get(identifier);
  if (byId) return byId;
  for (const entry of entries.values()) if (entry.name === identifier) return entry;
  return undefined;
}

/** Finds `name` in `entries` or creates it, with `id` when given or a stable id derived from the name. */
function ensure<T extends Named>(
  entries: Map<string, T>,
  name: string,
  id: string | undefined,
  kind: string,
  scope: string,
  create: () => Omit<T, keyof Named>,
): T {
  const existing = [...entries.values()].find((entry) => entry.name === name);
  if (existing) {
    if (id !== undefined && existing.id !== id) {
      throw new TypeError(`The ${kind} '${name}' already has the id '${existing.id}', not '${id}'`);
    }
    return existing;
  }
  if (id !== undefined && entries.has(id)) {
    throw new TypeError(`The ${kind} id '${id}' is already used by '${entries.get(id)?.name}'`);
  }
  const entry = { ...create(), id: id ?? stableId(entries, kind, scope, name), name } as T;
  entries.set(entry.id, entry);
  return entry;
}

/**
 * A 7-character id like AWS's (`[a-z0-9]{7}`), derived from the name so the same seed yields the same ids in every
 * run; tests can then hard-code them.
 */
function stableId(entries: Map<string, unknown>, kind: string, scope: string, name: string): string {
  for (let attempt = 0; ; attempt++) {
    const digest = createHash('sha256').update(`${kind}\0${scope}\0${name}\0${attempt}`).digest();
    const id = BigInt(`0x${digest.subarray(0, 8).toString('hex')}`)
      .toString(36)
      .padStart(7, '0')
      .slice(-7);
    if (!entries.has(id)) return id;
  }
}

function encodeContent(content: unknown): { bytes: Uint8Array; defaultType: string } {
  if (typeof content === 'string') return { bytes: new TextEncoder().encode(content), defaultType: 'text/plain' };
  // A copy of its own: a Buffer's slice() is a view of the same memory, which the caller may reuse.
  if (content instanceof Uint8Array) return { bytes: new Uint8Array(content), defaultType: 'application/octet-stream' };
  if (content !== null && typeof content === 'object') {
    return { bytes: new TextEncoder().encode(JSON.stringify(content)), defaultType: 'application/json' };
  }
  throw new TypeError('Configuration content must be a string, a Uint8Array or a JSON-serialisable object');
}
