import type { GetSecretValueCommandOutput, SecretValueEntry } from '@aws-sdk/client-secrets-manager';
import type { Parameter } from '@aws-sdk/client-ssm';

/*
 * The AWS extension answers with its SDK's output structs serialised as JSON: every member present, `null` when
 * unset, timestamps as RFC 3339 text in UTC with the fraction's trailing zeros cut ("2022-11-16T08:22:40.499Z",
 * "...:40.5Z", "...:40Z"), binary as base64, and an empty `ResultMetadata` object. These functions write the same.
 */

/**
 * A timestamp as the AWS extension writes it (RFC 3339, UTC, no trailing zeros in the fraction), or `null`.
 *
 * @example
 * ```ts
 * extensionTime(new Date(Date.UTC(2022, 10, 16, 8, 22, 40, 500))); // '2022-11-16T08:22:40.5Z'
 * ```
 */
export function extensionTime(date: Date | undefined): string | null {
  if (date === undefined || Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.?0+Z$/, 'Z');
}

function base64(bytes: Uint8Array | undefined): string | null {
  if (bytes === undefined) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * The `/secretsmanager/get` body for a `GetSecretValue` output (or a batch entry, which has the same members).
 *
 * @example
 * ```ts
 * JSON.stringify(secretBody(output)); // {"ARN":…,"CreatedDate":"2022-11-16T08:22:40.499Z",…,"ResultMetadata":{}}
 * ```
 */
export function secretBody(output: GetSecretValueCommandOutput | SecretValueEntry): Record<string, unknown> {
  return {
    ARN: output.ARN ?? null,
    CreatedDate: extensionTime(output.CreatedDate),
    Name: output.Name ?? null,
    SecretBinary: base64(output.SecretBinary),
    SecretString: output.SecretString ?? null,
    VersionId: output.VersionId ?? null,
    VersionStages: output.VersionStages ?? null,
    ResultMetadata: {},
  };
}

/**
 * One parameter as the `Parameter` member of `/systemsmanager/parameters/get`.
 *
 * @example
 * ```ts
 * const body = { Parameter: parameterBody(output.Parameter), ResultMetadata: {} };
 * ```
 */
export function parameterBody(parameter: Parameter | undefined): Record<string, unknown> | null {
  if (parameter === undefined) return null;
  return {
    ARN: parameter.ARN ?? null,
    DataType: parameter.DataType ?? null,
    LastModifiedDate: extensionTime(parameter.LastModifiedDate),
    Name: parameter.Name ?? null,
    Selector: parameter.Selector ?? null,
    SourceResult: parameter.SourceResult ?? null,
    Type: parameter.Type ?? null,
    Value: parameter.Value ?? null,
    Version: parameter.Version ?? 0,
  };
}
