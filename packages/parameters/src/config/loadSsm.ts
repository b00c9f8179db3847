import { batchFailuresOf } from '../base/batchFailures.js';
import { GetParameterError } from '../errors.js';
import type { SSMProvider } from '../ssm/SSMProvider.js';
import type { SSMGetParametersByNameOptions } from '../types/SSMProvider.js';
import { failed, loaded, type Outcomes, rounds } from './outcomes.js';
import type { PlannedEntry } from './plan.js';

/**
 * SSM entries through `getParametersByName`: cached ones from the provider's cache, the rest in `GetParameters`
 * calls of ten names, in parallel (decrypted and plain names apart, so the declaration's `decrypt: true` default
 * keeps them all together).
 */
export async function loadSsm(
  provider: SSMProvider,
  entries: readonly PlannedEntry[],
  outcomes: Outcomes,
): Promise<void> {
  await Promise.all(rounds(entries).map((round) => loadRound(provider, round, outcomes)));
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
