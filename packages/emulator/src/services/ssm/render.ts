import { createHash } from 'node:crypto';
import type { ParameterVersion, StoredParameter } from './model.js';
import { parameterArn } from './names.js';

/** Where the rendered parameters live, for their ARNs. */
export interface RenderContext {
  readonly region: string;
  readonly accountId: string;
  readonly withDecryption: boolean;
}

/** The `Parameter` shape of GetParameter, GetParameters and GetParametersByPath. */
export function renderParameter(
  parameter: StoredParameter,
  version: ParameterVersion,
  context: RenderContext,
  selectorText?: string,
): Record<string, unknown> {
  return {
    Name: parameter.name,
    Type: version.type,
    Value: visibleValue(parameter, version, context.withDecryption),
    Version: version.version,
    ...(selectorText === undefined ? {} : { Selector: selectorText }),
    LastModifiedDate: epochSeconds(version.lastModified),
    ARN: parameterArn(context.region, context.accountId, parameter.name),
    DataType: version.dataType,
  };
}

/** The `ParameterHistory` shape of GetParameterHistory. */
export function renderHistoryEntry(
  parameter: StoredParameter,
  version: ParameterVersion,
  context: RenderContext,
): Record<string, unknown> {
  return {
    Name: parameter.name,
    Type: version.type,
    ...(version.keyId === undefined ? {} : { KeyId: version.keyId }),
    LastModifiedDate: epochSeconds(version.lastModified),
    LastModifiedUser: `arn:aws:iam::${context.accountId}:user/paramkit-emulator`,
    ...(version.description === undefined ? {} : { Description: version.description }),
    Value: visibleValue(parameter, version, context.withDecryption),
    ...(version.allowedPattern === undefined ? {} : { AllowedPattern: version.allowedPattern }),
    Version: version.version,
    Labels: [...version.labels],
    Tier: version.tier,
    Policies: [],
    DataType: version.dataType,
  };
}

/** JSON 1.1 timestamps are epoch seconds; the SDK turns them into `Date`s. */
function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}

/**
 * AWS returns a SecureString's KMS ciphertext unless the caller asks for decryption. There is no KMS here, so the
 * emulator returns a stand-in: base64 of a KMS-like header and a digest of the version. It is deterministic per
 * version, looks like AWS's blob, and cannot be turned back into the plaintext.
 */
function visibleValue(parameter: StoredParameter, version: ParameterVersion, withDecryption: boolean): string {
  if (version.type !== 'SecureString' || withDecryption) return version.value;
  const digest = createHash('sha256')
    .update(`${version.keyId ?? ''}\0${parameter.name}\0${version.version}\0${version.value}`)
    .digest();
  const kmsHeader = Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]);
  return Buffer.concat([kmsHeader, digest, createHash('sha256').update(digest).digest()]).toString('base64');
}
