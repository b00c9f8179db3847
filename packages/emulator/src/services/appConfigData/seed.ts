import { type AppConfigDeployment, checkPollInterval, type ResourceIds } from './store.js';

/**
 * The `appconfig` section of a seed: applications, their environments, and the configuration profiles deployed to
 * each environment. A profile listed under several environments is one profile (AWS profiles belong to the
 * application) deployed to each of them.
 *
 * @example
 * ```json
 * { "appconfig": { "applications": [ { "name": "shop", "environments": [ { "name": "prod", "profiles": [
 *   { "name": "flags", "content": { "beta": true } }
 * ] } ] } ] } }
 * ```
 */
export interface AppConfigSeed {
  applications: AppConfigSeedApplication[];
}

/** An application of an `AppConfigSeed`. */
export interface AppConfigSeedApplication {
  name: string;
  /** Pins the application id; by default a stable 7-character id is derived from the name. */
  id?: string;
  environments?: AppConfigSeedEnvironment[];
}

/** An environment of an `AppConfigSeedApplication`. */
export interface AppConfigSeedEnvironment {
  name: string;
  /** Pins the environment id; by default it is derived from the name. */
  id?: string;
  /** Configuration profiles deployed to this environment. */
  profiles?: AppConfigSeedProfile[];
}

/** A configuration profile deployed to an `AppConfigSeedEnvironment`. */
export interface AppConfigSeedProfile {
  name: string;
  /** Pins the profile id; by default it is derived from the name. */
  id?: string;
  /** A string is served as it is; anything else as JSON. */
  content: string | object;
  /** @default 'application/json' for objects, 'text/plain' for strings */
  contentType?: string;
  /** Sent as the `Version-Label` header. */
  versionLabel?: string;
  /** Poll interval of sessions that do not ask for one (15..86400). @default 60 */
  pollIntervalSeconds?: number;
}

/** One step of loading a seed: create an application or environment, or deploy a profile. */
export type SeedStep =
  | { kind: 'declare'; application: string; environment?: string; ids: ResourceIds }
  | { kind: 'deploy'; deployment: AppConfigDeployment; ids: ResourceIds };

type Fields = Record<string, unknown>;

/**
 * Checks a seed section and turns it into the steps that load it. Everything is checked before anything is loaded,
 * and every `TypeError` names the offending field by its path, e.g. `appconfig.applications[0].environments[1].name`.
 */
export function parseAppConfigSeed(seed: unknown): SeedStep[] {
  const root = object(seed, 'appconfig', ['applications']);
  const steps: SeedStep[] = [];
  const applications = list(root.applications, 'appconfig.applications');
  const appNames = new Set<string>();
  applications.forEach((rawApp, a) => {
    const appPath = `appconfig.applications[${a}]`;
    const app = object(rawApp, appPath, ['name', 'id', 'environments']);
    const appName = name(app, appPath, appNames);
    const appIds: ResourceIds = { application: optionalString(app.id, `${appPath}.id`) };
    steps.push({ kind: 'declare', application: appName, ids: appIds });
    const envNames = new Set<string>();
    const environments = app.environments === undefined ? [] : list(app.environments, `${appPath}.environments`);
    environments.forEach((rawEnv, e) => {
      const envPath = `${appPath}.environments[${e}]`;
      const env = object(rawEnv, envPath, ['name', 'id', 'profiles']);
      const envName = name(env, envPath, envNames);
      const envIds: ResourceIds = { ...appIds, environment: optionalString(env.id, `${envPath}.id`) };
      steps.push({ kind: 'declare', application: appName, environment: envName, ids: envIds });
      const profileNames = new Set<string>();
      const profiles = env.profiles === undefined ? [] : list(env.profiles, `${envPath}.profiles`);
      profiles.forEach((rawProfile, p) => {
        const path = `${envPath}.profiles[${p}]`;
        const profile = object(rawProfile, path, [
          'name',
          'id',
          'content',
          'contentType',
          'versionLabel',
          'pollIntervalSeconds',
        ]);
        const profileName = name(profile, path, profileNames);
        const { content } = profile;
        if (content === undefined || content === null || (typeof content !== 'string' && typeof content !== 'object')) {
          throw new TypeError(`Seed field '${path}.content' must be a string or a JSON object or array`);
        }
        if (profile.pollIntervalSeconds !== undefined) {
          checkPollInterval(profile.pollIntervalSeconds, `${path}.pollIntervalSeconds`);
        }
        steps.push({
          kind: 'deploy',
          deployment: {
            application: appName,
            environment: envName,
            profile: profileName,
            content,
            contentType: optionalString(profile.contentType, `${path}.contentType`),
            versionLabel: optionalString(profile.versionLabel, `${path}.versionLabel`),
            pollIntervalSeconds: profile.pollIntervalSeconds as number | undefined,
          },
          ids: { ...envIds, profile: optionalString(profile.id, `${path}.id`) },
        });
      });
    });
  });
  return steps;
}

function object(value: unknown, path: string, allowed: readonly string[]): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`Seed field '${path}' must be an object`);
  }
  // Unknown fields are rejected so that a typo such as `contnet` fails loudly instead of being ignored.
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`Seed field '${path}.${key}' is not known; expected one of: ${allowed.join(', ')}`);
    }
  }
  return value as Fields;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`Seed field '${path}' must be an array`);
  return value;
}

function name(fields: Fields, path: string, seen: Set<string>): string {
  const value = fields.name;
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`Seed field '${path}.name' must be a non-empty string`);
  }
  if (seen.has(value)) throw new TypeError(`Seed field '${path}.name' repeats the name '${value}'`);
  seen.add(value);
  return value;
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new TypeError(`Seed field '${path}' must be a non-empty string`);
  return value;
}
