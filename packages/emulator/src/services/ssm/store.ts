import { AwsServiceError } from '../../core/awsJson.js';
import { LIMITS, latestVersion, type ParameterVersion, type StoredParameter } from './model.js';
import { isValidLabel, type NameReference, parameterKey } from './names.js';
import { type PutParameterInput, passesDeferredValidation, planPut } from './putRules.js';
import { applyTags } from './tags.js';

/** A parameter together with the one version a request selected. */
export interface SelectedVersion {
  readonly parameter: StoredParameter;
  readonly version: ParameterVersion;
}

/** Parameters with their full history (up to AWS's 100 versions), keyed by `parameterKey`. */
export class ParameterStore {
  readonly #parameters = new Map<string, StoredParameter>();

  /** The parameter called `name`, if it exists. */
  get(name: string): StoredParameter | undefined {
    return this.#parameters.get(parameterKey(name));
  }

  /** Every parameter, ordered by key so that listings and paging are stable. */
  list(): StoredParameter[] {
    return [...this.#parameters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
  }

  /**
   * Adds a version (or creates the parameter) under AWS's rules. Returns the version PutParameter answers with, and
   * whether it was stored: an `aws:ec2:image` value that is not an AMI id is answered but dropped, as on AWS.
   */
  put(input: PutParameterInput, now: number): { version: ParameterVersion; stored: boolean } {
    const key = parameterKey(input.name);
    const existing = this.#parameters.get(key);
    const next = planPut(existing, input, now);
    if (!passesDeferredValidation(next)) return { version: next, stored: false };
    if (!existing) {
      const tags = new Map<string, string>();
      applyTags(tags, input.tags ?? []);
      this.#parameters.set(key, { name: input.name, versions: [next], tags });
      return { version: next, stored: true };
    }
    if (existing.versions.length >= LIMITS.maxVersions) dropOldestVersion(existing);
    existing.versions.push(next);
    return { version: next, stored: true };
  }

  /** Removes a parameter with its history; `false` when there was none. */
  delete(name: string): boolean {
    return this.#parameters.delete(parameterKey(name));
  }

  /** The version a reference selects: latest, `:version` or `:label`. Throws ParameterNotFound/ParameterVersionNotFound. */
  select(reference: NameReference): SelectedVersion {
    const parameter = this.get(reference.name);
    if (!parameter) throw parameterNotFound(reference.name);
    const { selector } = reference;
    if (!selector) return { parameter, version: latestVersion(parameter) };
    if (selector.kind === 'version') {
      return { parameter, version: findVersion(parameter, selector.version) };
    }
    const labelled = parameter.versions.find((v) => v.labels.includes(selector.label));
    if (!labelled) throw parameterNotFound(`${reference.name}:${selector.label}`);
    return { parameter, version: labelled };
  }

  /**
   * Attaches labels to a version (the latest when `versionNumber` is omitted), moving each label off the version
   * that had it. Labels breaking AWS's rules are skipped and returned as invalid, as AWS does.
   */
  label(
    name: string,
    versionNumber: number | undefined,
    labels: readonly string[],
  ): {
    invalidLabels: string[];
    version: number;
  } {
    const parameter = this.get(name);
    if (!parameter) throw parameterNotFound(name);
    const target = versionNumber === undefined ? latestVersion(parameter) : findVersion(parameter, versionNumber);
    const unique = [...new Set(labels)];
    const invalidLabels = unique.filter((label) => !isValidLabel(label));
    const adding = unique.filter((label) => isValidLabel(label) && !target.labels.includes(label));
    if (target.labels.length + adding.length > LIMITS.maxLabelsPerVersion) {
      throw new AwsServiceError(
        'ParameterVersionLabelLimitExceeded',
        `A parameter version can have maximum ${LIMITS.maxLabelsPerVersion} labels. ` +
          'Move one or more labels to another version and try again.',
      );
    }
    for (const version of parameter.versions) {
      if (version !== target) version.labels = version.labels.filter((label) => !adding.includes(label));
    }
    target.labels.push(...adding);
    return { invalidLabels, version: target.version };
  }

  /**
   * Removes labels from one version. Labels the version does not have are returned as invalid, as AWS does; a
   * missing parameter or version is AWS's error.
   */
  unlabel(
    name: string,
    versionNumber: number,
    labels: readonly string[],
  ): { removedLabels: string[]; invalidLabels: string[] } {
    const parameter = this.get(name);
    if (!parameter) throw parameterNotFound(name);
    const target = findVersion(parameter, versionNumber);
    const unique = [...new Set(labels)];
    const removedLabels = unique.filter((label) => target.labels.includes(label));
    target.labels = target.labels.filter((label) => !removedLabels.includes(label));
    return { removedLabels, invalidLabels: unique.filter((label) => !removedLabels.includes(label)) };
  }

  /** Forgets every parameter. */
  clear(): void {
    this.#parameters.clear();
  }

  /** A deep copy, so a seed can be applied all-or-nothing. */
  clone(): ParameterStore {
    const copy = new ParameterStore();
    for (const [key, parameter] of this.#parameters) {
      copy.#parameters.set(key, {
        name: parameter.name,
        versions: parameter.versions.map((v) => ({ ...v, labels: [...v.labels] })),
        tags: new Map(parameter.tags),
      });
    }
    return copy;
  }
}

/** The ParameterNotFound error AWS answers for a missing name. */
export function parameterNotFound(name: string): AwsServiceError {
  return new AwsServiceError('ParameterNotFound', `Parameter ${name} not found.`);
}

function findVersion(parameter: StoredParameter, versionNumber: number): ParameterVersion {
  const version = parameter.versions.find((v) => v.version === versionNumber);
  if (!version) {
    throw new AwsServiceError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${versionNumber} of ${parameter.name}. Verify the version and try again.`,
    );
  }
  return version;
}

// AWS keeps the 100 newest versions and deletes the oldest on the next write, unless a label pins it.
function dropOldestVersion(parameter: StoredParameter): void {
  const oldest = parameter.versions[0];
  if (oldest && oldest.labels.length > 0) {
    throw new AwsServiceError(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${parameter.name} by calling the PutParameter API with the overwrite ` +
        `flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with ` +
        'it. Move the label to another version of the parameter, and try again.',
    );
  }
  parameter.versions.shift();
}
