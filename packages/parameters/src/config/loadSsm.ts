import { batchFailuresOf } from '../base/batchFailures.js';
import { ERRORS_KEY } from '../constants.js';
import { GetParameterError } from '../errors.js';
import type { SSMProvider } from '../ssm/SSMProvider.js';
import type { SSMGetParametersByNameOptions } from '../types/SSMProvider.js';
import { failed, loaded, type Outcomes, readInto, rounds } from './outcomes.js';
import type { PlannedEntry } from './plan.js';

/**
 * SSM entries through `getParametersByName`: cached ones from the provider's cache, the rest in `GetParameters`
 * calls of ten names, in parallel (decrypted and plain names apart, so the declaration's `decrypt: true` default
 * keeps them all together). A parameter named `_errors`, which that call refuses in graceful mode, is read alone.
 */
export async function loadSsm(
  provider: SSMProvider,
  entries: readonly PlannedEntry[],
  outcomes: Outcomes,
): Promise<void> {
  const alone = entries.filter((entry) => entry.spec.name === ERRORS_KEY);
  const batched = alone.length === 0 ? entries : entries.filter((entry) => entry.spec.name !== ERRORS_KEY);
  await Promise.all([
    ...rounds(batched).map((round) => loadRound(provider, round, outcomes)),
    ...alone.map((entry) => readOne(provider, entry, outcomes)),
  ]);
}

function readOne(provider: SSMProvider, entry: PlannedEntry, outcomes: Outcomes): Promise<void> {
  const { transform, schema } = entry.spec.options;
  return readInto(outcomes, entry, () =>
    provider.get(entry.spec.name, {
      decrypt: entry.decrypt,
      maxAge: entry.maxAge,
      throwOnMissing: true,
      ...(transform === undefined ? {} : { transform }),
      ...(schema === undefined ? {} : { schema }),
    } as never),
  );
}

async function loadRound(provider: SSMProvider, round: PlannedEntry[], outcomes: Outcomes): Promise<void> {
  const request: Record<string, SSMGetParametersByNameOptions> = {};
  for (const entry of round) {
    const { transform, schema } = entry.spec.options;
    request[entry.spec.name] = { decrypt: entry.decrypt, maxAge: entry.maxAge, transform, schema };
  }
  let answer: Record<string, unknown>;
  try {
    answer = await provider.getParametersByName(request, { throwOnError: false });
  } catch (error) {
    for (const entry of round) outcomes.set(entry, failed(error));
    return;
  }
  const failures = batchFailuresOf(answer);
  for (const entry of round) {
    const name = entry.spec.name;
    const failure = failures.get(name);
    if (failure !== undefined) outcomes.set(entry, failed(failure));
    else if (Object.hasOwn(answer, name)) outcomes.set(entry, loaded(answer[name]));
    else outcomes.set(entry, failed(new GetParameterError(`Parameter ${name} was not in the answer`)));
  }
}
