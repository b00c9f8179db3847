import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../src/base/base64.js';

describe('decodeBase64', () => {
  it('decodes padded base64 to the exact bytes', () => {
    expect(decodeBase64('/wD+gA==')).toEqual(new Uint8Array([0xff, 0x00, 0xfe, 0x80]));
    expect(decodeBase64('aGk=')).toEqual(new TextEncoder().encode('hi'));
    expect(decodeBase64('')).toEqual(new Uint8Array());
  });

  it('ignores line breaks and spaces, as in MIME-wrapped values', () => {
    expect(decodeBase64('aGVs\nbG8g\r\nd29y bGQ=')).toEqual(new TextEncoder().encode('hello world'));
  });

  it('refuses text that is not canonical base64', () => {
    for (const bad of ['aGk', 'a===', '***', 'aG=k', 'aGk=aGk=', 'YQ', '_-_-'])
      expect(decodeBase64(bad)).toBeUndefined();
  });
});
