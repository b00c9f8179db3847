import { batchFailuresOf } from '../base/batchFailures.js';
import { ERRORS_KEY } from '../constants.js';
import { classifyError, type ErrorKind } from '../engine/errorKinds.js';
import { GetParameterError } from '../errors.js';
import type { SecretsProvider } from '../secrets/SecretsProvider.js';
import type { SecretsGetSecretsByNameEntryOptions } from '../types/SecretsProvider.js';
import { failed, loaded, type Outcomes, readInto, rounds } from './outcomes.js';
import type { PlannedEntry } from './plan.js';
import type { SecretsBatchMode } from './types.js';

/** What a declaration remembers between loads about how its secrets can be read. */
export interface SecretsState {
  /** The batch call was refused (no `secretsmanager:BatchGetSecretValue` permission): read by id from then on. */
  batchDenied: boolean;
}

/**
 * Secrets: AWSCURRENT ones in `BatchGetSecretValue` calls of twenty ids (`getSecretsByName`) when there are two or
 * more and batching is allowed, the rest (versions, `'never'`, a single secret, one named `_errors`) with
 * `GetSecretValue` each, in parallel. A batch call that is throttled (its quota is 100 TPS, against 10,000 for
 * `GetSecretValue`) or not permitted is retried at once as by-id reads, so neither fails a load.
 */
export async function loadSecrets(
  provider: SecretsProvider,
  entries: readonly PlannedEntry[],
  mode: SecretsBatchMode,
  state: SecretsState,
  outcomes: Outcomes,
): Promise<void> {
  // `getSecretsByName` refuses a secret named `_errors` in graceful mode: it is read by id.
  const current = entries.filter((entry) => !hasVersion(entry) && entry.spec.name !== ERRORS_KEY);
  const batched = mode === 'auto' && !state.batchDenied && current.length >= 2 ? current : [];
  const byId = entries.filter((entry) => !batched.includes(entry));
  const retries: PlannedEntry[] = [];
  await Promise.all([
    ...rounds(batched).map((round) => loadRound(provider, round, state, outcomes, retries)),
    ...byId.map((entry) => readOne(provider, entry, outcomes)),
  ]);
  // The by-id reads bypass the backoff the failed batch call started: GetSecretValue has a quota of its own.
  await Promise.all(retries.map((entry) => readOne(provider, entry, outcomes, true)));
}

function hasVersion(entry: PlannedEntry): boolean {
  const { options } = entry.spec as { options: { versionId?: string; versionStage?: string } };
  return (
    options.versionId !== undefined || (options.versionStage !== undefined && options.versionStage !== 'AWSCURRENT')
  );
}

function readOne(
  provider: SecretsProvider,
  entry: PlannedEntry,
  outcomes: Outcomes,
  forceFetch = false,
): Promise<void> {
  const { transform, schema, versionId, versionStage } = entry.spec.options as {
    transform?: SecretsGetSecretsByNameEntryOptions['transform'];
    schema?: SecretsGetSecretsByNameEntryOptions['schema'];
    versionId?: string;
    versionStage?: string;
  };
  const sdkOptions =
    versionId === undefined && versionStage === undefined
      ? undefined
      : {
          ...(versionId === undefined ? {} : { VersionId: versionId }),
          ...(versionStage === undefined ? {} : { VersionStage: versionStage }),
        };
  return readInto(outcomes, entry, () =>
    provider.get(entry.spec.name, {
      maxAge: entry.maxAge,
      throwOnMissing: true,
      ...(forceFetch ? { forceFetch } : {}),
      ...(transform === undefined ? {} : { transform }),
      ...(schema === undefined ? {} : { schema }),
      ...(sdkOptions === undefined ? {} : { sdkOptions }),
    } as never),
  );
}

async function loadRound(
  provider: SecretsProvider,
  round: PlannedEntry[],
  state: SecretsState,
  outcomes: Outcomes,
  retries: PlannedEntry[],
): Promise<void> {
  const request: Record<string, SecretsGetSecretsByNameEntryOptions> = {};
  for (const entry of round) {
    const { transform, schema } = entry.spec.options;
    request[entry.spec.name] = { maxAge: entry.maxAge, transform, schema };
  }
  let answer: Record<string, unknown>;
  try {
    answer = await provider.getSecretsByName(request, { throwOnError: false });
  } catch (error) {
    for (const entry of round) outcomes.set(entry, failed(error));
    return;
  }
  const failures = batchFailuresOf(answer);
  for (const entry of round) {
    const id = entry.spec.name;
    const failure = failures.get(id);
    if (failure === undefined) {
      if (Object.hasOwn(answer, id)) outcomes.set(entry, loaded(answer[id]));
      else outcomes.set(entry, failed(new GetParameterError(`Secret '${id}' was not in the answer`)));
      continue;
    }
    const call = callError(failure);
    if (call === 'access-denied') state.batchDenied = true;
    if (call === 'access-denied' || call === 'throttled') retries.push(entry);
    else outcomes.set(entry, failed(failure));
  }
}

/**
 * The kind of an error of the batch call as a whole (an SDK service error, which carries `$metadata`), as opposed
 * to one secret's entry in the answer's `Errors` list.
 */
function callError(failure: unknown): ErrorKind | undefined {
  const cause = (failure as { cause?: { $metadata?: unknown } } | null)?.cause;
  if (cause === undefined || cause === null || cause.$metadata === undefined) return undefined;
  return classifyError(cause).kind;
}
