import { describe, expect, it } from 'vitest';
import { AwsServiceError, createEmulator } from '../src/index.js';

const seeded = (ssm: unknown) => createEmulator({ seed: { ssm } as never });

describe('SSM seed', () => {
  it('loads the full form with versions, types, tiers and labels', () => {
    const { ssm } = seeded({
      parameters: [
        { name: '/app/db', versions: ['v1', 'v2', 'v3'], labels: ['prod'], description: 'db' },
        { name: '/app/secret', value: 's', type: 'SecureString', keyId: 'alias/k' },
        { name: '/app/big', value: 'x'.repeat(5000), tier: 'Advanced' },
      ],
    });
    expect(ssm.listNames()).toEqual(['/app/big', '/app/db', '/app/secret']);
    expect(ssm.getParameterValue('/app/db')).toBe('v3');
    expect(ssm.getParameterValue('/app/db:1')).toBe('v1');
    expect(ssm.getParameterValue('/app/db:prod')).toBe('v3');
    expect(ssm.getParameterValue('/app/secret')).toBe('s');
  });

  it('loads the shorthand form as String parameters', () => {
    const { ssm } = seeded({ '/app/url': 'https://example.com', top: 'level' });
    expect(ssm.getParameterValue('/app/url')).toBe('https://example.com');
    expect(ssm.getParameterValue('/top')).toBe('level');
  });

  it('replaces a parameter of the same name, so loading twice gives the same state', () => {
    const emulator = seeded({ parameters: [{ name: '/a', versions: ['1', '2'] }] });
    emulator.load({ ssm: { parameters: [{ name: '/a', versions: ['1', '2'] }] } });
    expect(emulator.ssm.getParameterValue('/a:2')).toBe('2');
    expect(emulator.ssm.getParameterValue('/a:3')).toBeUndefined();
  });

  it.each([
    [[], 'ssm: expected an object'],
    [{ parameters: {} }, 'ssm.parameters: expected an array'],
    [{ parameters: [], extra: 1 }, "unexpected field 'extra'"],
    [{ parametrs: [] }, "did you mean 'parameters'"],
    [{ '/a': 1 }, "ssm['/a']: expected a string value"],
    [{ parameters: ['x'] }, 'ssm.parameters[0]: expected an object'],
    [{ parameters: [{ value: 'v' }] }, 'ssm.parameters[0].name: expected a non-empty string'],
    [{ parameters: [{ name: '/a' }] }, "exactly one of 'value' and 'versions'"],
    [{ parameters: [{ name: '/a', value: 'v', versions: ['v'] }] }, "exactly one of 'value' and 'versions'"],
    [{ parameters: [{ name: '/a', versions: [] }] }, 'ssm.parameters[0].versions: expected at least one value'],
    [{ parameters: [{ name: '/a', versions: [1] }] }, 'ssm.parameters[0].versions: expected an array of strings'],
    [{ parameters: [{ name: '/a', value: 'v', type: 'Int' }] }, 'ssm.parameters[0].type: expected one of'],
    [{ parameters: [{ name: '/a', value: 'v', tier: 'Gold' }] }, 'ssm.parameters[0].tier: expected one of'],
    [{ parameters: [{ name: '/a', value: 'v', Name: '/b' }] }, 'ssm.parameters[0].Name: unknown field'],
    [{ parameters: [{ name: '/a', value: 'v', labels: ['1x'] }] }, 'ssm.parameters[0].labels: invalid label(s) 1x'],
    [{ parameters: [{ name: '/a', value: 'v', description: 7 }] }, 'ssm.parameters[0].description: expected a string'],
    [{ parameters: [{ name: 'aws-x', value: 'v' }] }, "ssm.parameters[0]: Parameter name: can't be prefixed"],
    [{ parameters: [{ name: '/a', value: '' }] }, 'ssm.parameters[0]:'],
  ])('rejects %j with a TypeError naming the field', (ssm, message) => {
    expect(() => seeded(ssm)).toThrow(TypeError);
    expect(() => seeded(ssm)).toThrow(message);
  });

  it('is all-or-nothing: a bad entry leaves earlier entries unloaded', () => {
    const emulator = createEmulator();
    expect(() =>
      emulator.load({
        ssm: {
          parameters: [
            { name: '/ok', value: 'v' },
            { name: '/bad', value: '' },
          ],
        },
      }),
    ).toThrow(TypeError);
    expect(emulator.ssm.listNames()).toEqual([]);
  });

  it('rejects unknown seed sections', () => {
    expect(() => createEmulator({ seed: { smm: {} } as never })).toThrow("Unknown seed section 'smm'");
  });
});

describe('SsmService programmatic API', () => {
  it('puts, reads, labels, lists and deletes', () => {
    const { ssm } = createEmulator();
    expect(ssm.putParameter({ name: '/p', value: 'a' })).toBe(1);
    expect(ssm.putParameter({ name: '/p', value: 'b' })).toBe(2);
    expect(ssm.labelVersion('/p', 1, ['old', '9bad'])).toEqual(['9bad']);
    expect(ssm.getParameterValue('/p:old')).toBe('a');
    expect(ssm.getParameterValue('/p')).toBe('b');
    expect(ssm.getParameterValue('/missing')).toBeUndefined();
    expect(ssm.getParameterValue('/p:1:2')).toBeUndefined();
    expect(ssm.listNames()).toEqual(['/p']);
    expect(ssm.deleteParameter('/p')).toBe(true);
    expect(ssm.deleteParameter('/p')).toBe(false);
  });

  it('applies the PutParameter rules, throwing AwsServiceError', () => {
    const { ssm } = createEmulator();
    ssm.putParameter({ name: '/p', value: 'a', overwrite: false });
    expect(() => ssm.putParameter({ name: '/p', value: 'b', overwrite: false })).toThrow(AwsServiceError);
    expect(() => ssm.putParameter({ name: '/p', value: 'b', type: 'SecureString' })).toThrow(
      expect.objectContaining({ code: 'HierarchyTypeMismatchException' }),
    );
  });

  it('forgets everything on reset', () => {
    const emulator = createEmulator({ seed: { ssm: { '/a': 'x' } } });
    emulator.reset();
    expect(emulator.ssm.listNames()).toEqual([]);
  });
});
