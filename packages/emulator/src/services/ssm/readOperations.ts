import { AwsServiceError } from '../../core/awsJson.js';
import type { RequestMembers } from '../../core/members.js';
import type { ServiceContext } from '../../core/types.js';
import { LIMITS } from './model.js';
import { type NameReference, parseNameReference } from './names.js';
import { paginate } from './paging.js';
import { type RenderContext, renderHistoryEntry, renderParameter } from './render.js';
import { isSecretsReference, readSecretsReference, type SecretsSource } from './secretsReference.js';
import { type ParameterStore, parameterNotFound } from './store.js';

const NAME_BOUNDS = { min: 1, max: 2048 };

/**
 * GetParameter: one parameter, optionally at a `:version` or `:label` selector, or a Secrets Manager secret under
 * `/aws/reference/secretsmanager/`.
 */
export function getParameter(
  members: RequestMembers,
  store: ParameterStore,
  context: ServiceContext,
  secrets?: SecretsSource,
): unknown {
  const name = members.requiredString('Name', NAME_BOUNDS);
  const render = renderContext(members, context);
  if (isSecretsReference(name)) return { Parameter: readSecretsReference(name, render.withDecryption, secrets) };
  const reference = resolveReference(name, context);
  const { parameter, version } = store.select(reference);
  return { Parameter: renderParameter(parameter, version, render, reference.selectorText) };
}

/** GetParameters: up to 10 names; the ones that cannot be found (or read) are listed, not thrown. */
export function getParameters(
  members: RequestMembers,
  store: ParameterStore,
  context: ServiceContext,
  secrets?: SecretsSource,
): unknown {
  const names = members.requiredStringList('Names', { min: 1, max: LIMITS.maxNamesPerRequest }, NAME_BOUNDS);
  const render = renderContext(members, context);
  const parameters: unknown[] = [];
  const invalidParameters: string[] = [];
  for (const name of new Set(names)) {
    try {
      if (isSecretsReference(name)) {
        parameters.push(readSecretsReference(name, render.withDecryption, secrets));
        continue;
      }
      const reference = resolveReference(name, context);
      const { parameter, version } = store.select(reference);
      parameters.push(renderParameter(parameter, version, render, reference.selectorText));
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      invalidParameters.push(name);
    }
  }
  return { Parameters: parameters, InvalidParameters: invalidParameters };
}

/** GetParameterHistory: every kept version, oldest first, with labels; paged by version. */
export function getParameterHistory(members: RequestMembers, store: ParameterStore, context: ServiceContext): unknown {
  const name = members.requiredString('Name', NAME_BOUNDS);
  const render = renderContext(members, context);
  const maxResults = members.optionalInteger('MaxResults', { min: 1, max: LIMITS.maxResultsHistory });
  const token = members.optionalString('NextToken');
  const reference = resolveReference(name, context);
  const parameter = reference.selector ? undefined : store.get(reference.name);
  if (!parameter) throw parameterNotFound(name);
  const page = paginate(parameter.versions, {
    query: `history:${parameter.name}`,
    token,
    maxResults: maxResults ?? LIMITS.maxResultsHistory,
    // Zero-padded so that string order is version order.
    positionOf: (version) => String(version.version).padStart(12, '0'),
  });
  return {
    Parameters: page.items.map((version) => renderHistoryEntry(parameter, version, render)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

function renderContext(members: RequestMembers, context: ServiceContext): RenderContext {
  return {
    region: context.region,
    accountId: context.accountId,
    withDecryption: members.optionalBoolean('WithDecryption') ?? false,
  };
}

function resolveReference(name: string, context: ServiceContext): NameReference {
  const reference = parseNameReference(name, context.region, context.accountId);
  if (!reference) throw parameterNotFound(name);
  return reference;
}
