import { describe, expect, it } from 'vitest';
import { MASK, Redactor } from '../src/redact.js';

// The redactor masks values in text that reaches the terminal by accident, in the forms a service echoes them.
describe('Redactor', () => {
  it('masks a value as it is, JSON-escaped, and line by line', () => {
    const redactor = new Redactor();
    const pem = '-----BEGIN KEY-----\nline1secret\nline2"secret\\x\n-----END KEY-----';
    redactor.add(pem);
    const echoed = `ValidationException: {"Value":${JSON.stringify(pem)}}`;
    expect(redactor.redact(echoed)).toBe(`ValidationException: {"Value":"${MASK}"}`);
    expect(redactor.redact('bad line: line1secret')).toBe(`bad line: ${MASK}`);
    expect(redactor.redact(`quoted: ${JSON.stringify('line2"secret\\x')}`)).toBe(`quoted: "${MASK}"`);
  });

  it('masks bytes in base64, as a binary secret travels', () => {
    const redactor = new Redactor();
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x41, 0x42, 0x43]);
    redactor.add(bytes);
    const base64 = Buffer.from(bytes).toString('base64');
    expect(redactor.redact(`{"SecretBinary":"${base64}"}`)).toBe(`{"SecretBinary":"${MASK}"}`);
  });

  it('leaves values of fewer than three characters, which would mangle every word', () => {
    const redactor = new Redactor();
    redactor.add('on');
    redactor.add('a\nb');
    expect(redactor.redact('one: a b on')).toBe('one: a b on');
  });
});
