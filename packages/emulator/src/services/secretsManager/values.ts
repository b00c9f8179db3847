import { AwsServiceError } from '../../core/awsJson.js';
import { RequestMembers } from '../../core/members.js';
import { invalidParameter } from './errors.js';
import { checkLength, type Input } from './input.js';

/** A secret version's protected value: text (`SecretString`) or bytes (`SecretBinary`), never both. */
export type SecretValue =
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array };

/** AWS's limit for one secret value, in bytes (service quota L-2F24C883, not adjustable). */
export const MAX_SECRET_VALUE_BYTES = 65_536;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Makes a `SecretValue` from a string or bytes, copying bytes so later changes by the caller don't leak in. */
export function secretValue(value: string | Uint8Array | object): SecretValue {
  if (typeof value === 'string') return { kind: 'string', text: value };
  if (value instanceof Uint8Array) return { kind: 'binary', bytes: Uint8Array.from(value) };
  // A JSON object or array is stored as its JSON text, as seeds store it.
  if (value !== null && typeof value === 'object') return { kind: 'string', text: JSON.stringify(value) };
  throw new TypeError(`A secret value must be text, bytes (Uint8Array) or a JSON object, got ${typeof value}`);
}

/** Checks the modelled size limits of a value. The value itself never appears in the message (it is sensitive). */
export function checkValueSize(value: SecretValue): void {
  if (value.kind === 'string') {
    // The model bounds SecretString at 1..65536; AWS documents the limit in bytes, so multi-byte text counts bytes.
    const bytes = Buffer.byteLength(value.text, 'utf8');
    checkLength('secretString', bytes, { min: 1, max: MAX_SECRET_VALUE_BYTES }, undefined);
  } else {
    checkLength('secretBinary', value.bytes.length, { min: 1, max: MAX_SECRET_VALUE_BYTES }, undefined);
  }
}

/** Reads `SecretString` / `SecretBinary` from a request; `undefined` when neither is given. */
export function readSecretValue(input: Input): SecretValue | undefined {
  // Sizes are checked below in bytes, so the readers get no length rule (and never echo the value).
  const text = readSensitiveString(input, 'SecretString');
  const binary = readSensitiveString(input, 'SecretBinary');
  if (text !== undefined && binary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  let value: SecretValue | undefined;
  if (text !== undefined) value = { kind: 'string', text };
  else if (binary !== undefined) value = { kind: 'binary', bytes: decodeBase64(binary, 'SecretBinary') };
  if (value) checkValueSize(value);
  return value;
}

function readSensitiveString(input: Input, member: string): string | undefined {
  return new RequestMembers(input).optionalString(member, {}, true);
}

/** Decodes a base64 blob member strictly: Node's decoder would silently skip bad characters. */
export function decodeBase64(text: string, member: string): Uint8Array {
  if (!BASE64.test(text)) throw new AwsServiceError('SerializationException', `${member} is not valid base64.`);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Whether two values are the same (used by ClientRequestToken idempotency). */
export function sameValue(a: SecretValue, b: SecretValue): boolean {
  if (a.kind === 'string') return b.kind === 'string' && a.text === b.text;
  return b.kind === 'binary' && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
}

/** The response members carrying a value: `SecretString`, or `SecretBinary` as base64. */
export function valueMembers(value: SecretValue): { SecretString: string } | { SecretBinary: string } {
  return value.kind === 'string'
    ? { SecretString: value.text }
    : { SecretBinary: Buffer.from(value.bytes).toString('base64') };
}
