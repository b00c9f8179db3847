import type { RequestMembers } from '../../core/members.js';
import type { ServiceContext } from '../../core/types.js';
import { LIMITS, PARAMETER_TIERS, PARAMETER_TYPES } from './model.js';
import { type ParameterStore, parameterNotFound } from './store.js';
import { readTags } from './tags.js';

/** PutParameter: creates a parameter or, with `Overwrite`, adds a version. */
export function putParameter(members: RequestMembers, store: ParameterStore, context: ServiceContext): unknown {
  const name = members.requiredString('Name', { min: 1, max: 2048 });
  const value = members.requiredString('Value');
  const type = members.optionalEnum('Type', PARAMETER_TYPES);
  const tier = members.optionalEnum('Tier', PARAMETER_TIERS);
  const overwrite = members.optionalBoolean('Overwrite');
  const description = members.optionalString('Description', { max: LIMITS.maxDescriptionLength });
  const keyId = members.optionalString('KeyId', { min: 1, max: 256 });
  const allowedPattern = members.optionalString('AllowedPattern', { max: LIMITS.maxAllowedPatternLength });
  const dataType = members.optionalString('DataType', { max: 128 });
  const tags = readTags(members);
  // Parameter policies (expiration, notifications) are accepted and ignored: there is no scheduler here.
  members.optionalString('Policies');
  // An answer even when the value is dropped after it (see `ParameterStore.put`): AWS answers before it validates.
  const { version } = store.put(
    { name, value, type, tier, overwrite, description, keyId, allowedPattern, dataType, tags },
    context.now(),
  );
  return { Version: version.version, Tier: version.tier };
}

/** DeleteParameter: removes a parameter and its history. */
export function deleteParameter(members: RequestMembers, store: ParameterStore): unknown {
  const name = members.requiredString('Name', { min: 1, max: 2048 });
  if (!store.delete(name)) throw parameterNotFound(name);
  return {};
}

/** DeleteParameters: up to 10 names; missing ones are reported, not thrown. */
export function deleteParameters(members: RequestMembers, store: ParameterStore): unknown {
  const names = members.requiredStringList('Names', { min: 1, max: LIMITS.maxNamesPerRequest }, { min: 1, max: 2048 });
  const deleted: string[] = [];
  const invalid: string[] = [];
  for (const name of new Set(names)) (store.delete(name) ? deleted : invalid).push(name);
  return { DeletedParameters: deleted, InvalidParameters: invalid };
}

/** LabelParameterVersion: attaches labels to a version (the latest by default), moving them off other versions. */
export function labelParameterVersion(members: RequestMembers, store: ParameterStore): unknown {
  const name = members.requiredString('Name', { min: 1, max: 2048 });
  const versionNumber = members.optionalInteger('ParameterVersion', {}, 'Long');
  // The AWS model bounds each label to 1..100 characters, so longer labels are a ValidationException, not invalid.
  const labels = members.requiredStringList(
    'Labels',
    { min: 1, max: LIMITS.maxLabelsPerVersion },
    { min: 1, max: LIMITS.maxLabelLength },
  );
  const result = store.label(name, versionNumber, labels);
  return { InvalidLabels: result.invalidLabels, ParameterVersion: result.version };
}

/** UnlabelParameterVersion: removes labels from a version, which must be named. */
export function unlabelParameterVersion(members: RequestMembers, store: ParameterStore): unknown {
  const name = members.requiredString('Name', { min: 1, max: 2048 });
  const versionNumber = members.optionalInteger('ParameterVersion', {}, 'Long');
  if (versionNumber === undefined) throw members.missing('ParameterVersion');
  const labels = members.requiredStringList(
    'Labels',
    { min: 1, max: LIMITS.maxLabelsPerVersion },
    { min: 1, max: LIMITS.maxLabelLength },
  );
  const result = store.unlabel(name, versionNumber, labels);
  return { RemovedLabels: result.removedLabels, InvalidLabels: result.invalidLabels };
}
