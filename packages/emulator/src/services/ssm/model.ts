/** The value types Parameter Store knows. */
export const PARAMETER_TYPES = ['String', 'StringList', 'SecureString'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** Storage tiers; `Intelligent-Tiering` is a request-only choice that resolves to one of the other two. */
export const PARAMETER_TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
export type RequestedTier = (typeof PARAMETER_TIERS)[number];
export type ParameterTier = Exclude<RequestedTier, 'Intelligent-Tiering'>;

/** Data types AWS accepts; the emulator does not check that `aws:ec2:image` values name a real AMI. */
export const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'] as const;

/** The KMS key AWS uses for SecureString parameters when the request names none. */
export const DEFAULT_KEY_ID = 'alias/aws/ssm';

/** AWS's documented quotas. */
export const LIMITS = {
  maxNameLength: 1011,
  maxHierarchyLevels: 15,
  maxStandardValueLength: 4096,
  maxAdvancedValueLength: 8192,
  maxDescriptionLength: 1024,
  maxAllowedPatternLength: 1024,
  maxVersions: 100,
  maxLabelsPerVersion: 10,
  maxLabelLength: 100,
  maxNamesPerRequest: 10,
  maxResultsByPath: 10,
  maxResultsHistory: 50,
  maxResultsDescribe: 50,
  maxResultsDescribeDefault: 10,
} as const;

/** One version of a parameter, as kept in its history. */
export interface ParameterVersion {
  readonly version: number;
  readonly value: string;
  readonly type: ParameterType;
  readonly tier: ParameterTier;
  readonly dataType: string;
  readonly description: string | undefined;
  /** Only for SecureString. */
  readonly keyId: string | undefined;
  readonly allowedPattern: string | undefined;
  /** Milliseconds since the epoch. */
  readonly lastModified: number;
  /** Labels move between versions, so this is the one mutable part of a version. */
  labels: string[];
}

/** A parameter with its history, oldest version first. */
export interface StoredParameter {
  /** The name as it was first created (`/app/db`, or `db` / `/db` for top-level names). */
  readonly name: string;
  readonly versions: ParameterVersion[];
  /** Tags by key, in the order first added; kept across versions, removed with the parameter. */
  readonly tags: Map<string, string>;
}

/** The latest version; every stored parameter has at least one. */
export function latestVersion(parameter: StoredParameter): ParameterVersion {
  const latest = parameter.versions.at(-1);
  if (!latest) throw new Error(`Parameter ${parameter.name} has no versions`);
  return latest;
}
