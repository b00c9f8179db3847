/** Canonical base64 (RFC 4648, padded); the decoder below refuses anything else instead of guessing. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes base64 text to bytes; `undefined` when the text is not valid base64. Line breaks and spaces (as in
 * MIME-wrapped values) are ignored.
 *
 * Written on Node's `Buffer` rather than `@smithy/util-base64`: since 4.4 that package re-exports `@smithy/core`'s
 * serde module, which added about 35 KB to a bundled one-line handler.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (!BASE64.test(compact)) return undefined;
  const buffer = Buffer.from(compact, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
