import { providerInternals } from '../base/BaseProviderCore.js';
import { secondsFromEnv } from '../base/env.js';
import { DEFAULT_MAX_AGE_SECS, ENV } from '../constants.js';
import { loadSecrets, type SecretsState } from './loadSecrets.js';
import { loadSsm } from './loadSsm.js';
import { failed, type Outcomes, readInto, settle } from './outcomes.js';
import type { Plan, PlannedEntry } from './plan.js';
import { appConfigProvider, dynamoDBProvider, secretsProvider, ssmProvider } from './providers.js';
import type { ConfigFailure } from './types.js';

/** The values of a load by key, and the entries that failed. */
export interface LoadResult {
  readonly values: Readonly<Record<string, unknown>>;
  readonly failures: readonly ConfigFailure[];
}

/** What a declaration keeps between loads. */
export interface LoadState {
  readonly secrets: SecretsState;
  /**
   * Optional entries found missing, until when (ms) that answer holds: the providers cache values, not absences, and
   * a missing optional value must not cost a call on every warm invocation.
   */
  readonly missingUntil: Map<PlannedEntry, number>;
  readonly now: () => number;
}

/**
 * Loads every entry of a plan, each service its own way, all services at once. Never rejects. Entries in `retry`
 * (those a prefetch failed to load) are asked for again even while a transient failure has their keys backing off.
 */
export async function loadAll(plan: Plan, state: LoadState, retry?: ReadonlySet<PlannedEntry>): Promise<LoadResult> {
  const outcomes: Outcomes = new Map();
  const startedAt = state.now();
  const known = (entry: PlannedEntry) => (state.missingUntil.get(entry) ?? 0) > startedAt;
  const of = (service: string) => plan.entries.filter((entry) => entry.spec.service === service && !known(entry));
  const ssm = of('ssm');
  const secrets = of('secrets');
  const retried = <P extends object>(provider: P, entries: readonly PlannedEntry[]): P => {
    for (const entry of entries) if (retry?.has(entry)) providerInternals.endBackoff(provider, engineName(entry));
    return provider;
  };
  await Promise.all([
    ssm.length === 0
      ? undefined
      : guarded(ssm, outcomes, async () => loadSsm(retried(await ssmProvider(plan.providers), ssm), ssm, outcomes)),
    secrets.length === 0
      ? undefined
      : guarded(secrets, outcomes, async () =>
          loadSecrets(
            retried(await secretsProvider(plan.providers), secrets),
            secrets,
            plan.secretsBatch,
            state.secrets,
            outcomes,
          ),
        ),
    ...of('appconfig').map((entry) => readInto(outcomes, entry, () => readAppConfig(plan, entry, retried))),
    ...of('dynamodb').map((entry) => readInto(outcomes, entry, () => readDynamoDB(plan, entry, retried))),
  ]);
  const values: Record<string, unknown> = {};
  const failures: ConfigFailure[] = [];
  for (const entry of plan.entries) {
    if (known(entry)) {
      values[entry.key] = undefined;
      continue;
    }
    const settled = settle(entry, outcomes.get(entry));
    state.missingUntil.delete(entry);
    if ('failure' in settled) {
      failures.push(settled.failure);
      continue;
    }
    values[entry.key] = settled.value;
    if (entry.spec.optional && settled.value === undefined)
      state.missingUntil.set(entry, startedAt + lifetimeMs(entry));
  }
  return { values, failures };
}

function lifetimeMs(entry: PlannedEntry): number {
  return (entry.maxAge ?? secondsFromEnv(ENV.maxAge, DEFAULT_MAX_AGE_SECS)) * 1000;
}

/** Records `error` for every entry of a group whose loader failed as a whole (a provider module that cannot load). */
async function guarded(entries: PlannedEntry[], outcomes: Outcomes, load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch (error) {
    for (const entry of entries) if (!outcomes.has(entry)) outcomes.set(entry, failed(error));
  }
}

/** Hands a provider on after ending the backoff of the entries given that are to be retried. */
type Retried = <P extends object>(provider: P, entries: readonly PlannedEntry[]) => P;

/** The name an entry's provider reads, under which its cache and backoff keep it. */
function engineName(entry: PlannedEntry): string {
  const { spec } = entry;
  if (spec.service === 'appconfig') return spec.target.profile;
  if (spec.service === 'dynamodb') return spec.target.name;
  return spec.name;
}

async function readAppConfig(plan: Plan, entry: PlannedEntry, retried: Retried): Promise<unknown> {
  if (entry.spec.service !== 'appconfig') throw new TypeError('not an AppConfig entry');
  const { application, environment, profile } = entry.spec.target;
  const { transform, schema, sdkOptions } = entry.spec.options;
  const provider = retried(await appConfigProvider(plan.providers, application, environment), [entry]);
  return provider.get(profile, {
    application,
    environment,
    maxAge: entry.maxAge,
    throwOnMissing: true,
    ...(transform === undefined ? {} : { transform }),
    ...(schema === undefined ? {} : { schema }),
    ...(sdkOptions === undefined ? {} : { sdkOptions }),
  } as never);
}

async function readDynamoDB(plan: Plan, entry: PlannedEntry, retried: Retried): Promise<unknown> {
  if (entry.spec.service !== 'dynamodb') throw new TypeError('not a DynamoDB entry');
  const { transform, schema } = entry.spec.options;
  const provider = retried(await dynamoDBProvider(plan.providers, entry.spec.target), [entry]);
  return provider.get(entry.spec.target.name, {
    maxAge: entry.maxAge,
    throwOnMissing: true,
    ...(transform === undefined ? {} : { transform }),
    ...(schema === undefined ? {} : { schema }),
  } as never);
}
