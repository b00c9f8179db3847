import * as ptSecrets from '@aws-lambda-powertools/parameters/secrets';
import * as pt from '@aws-lambda-powertools/parameters/ssm';
import { describe, expectTypeOf, it } from 'vitest';
import * as oursSecrets from '../src/secrets/index.js';
import * as ours from '../src/ssm/index.js';

// A drop-in keeps the types of code written against Powertools: the same calls infer the same result types.
describe('return types equal Powertools 2.35 for the same calls', () => {
  it('getParameter', () => {
    expectTypeOf(ours.getParameter('/a')).toEqualTypeOf(pt.getParameter('/a'));
    expectTypeOf(ours.getParameter('/a', { decrypt: true, maxAge: 5 })).toEqualTypeOf(
      pt.getParameter('/a', { decrypt: true, maxAge: 5 }),
    );
    expectTypeOf(ours.getParameter('/a', { transform: 'json' })).toEqualTypeOf(
      pt.getParameter('/a', { transform: 'json' }),
    );
    expectTypeOf(ours.getParameter('/a', { transform: 'binary', throwOnMissing: true })).toEqualTypeOf(
      pt.getParameter('/a', { transform: 'binary', throwOnMissing: true }),
    );
    expectTypeOf(ours.getParameter<{ a: number }>('/a')).toEqualTypeOf(pt.getParameter<{ a: number }>('/a'));
  });

  it('getParameters and getParametersByName', () => {
    expectTypeOf(ours.getParameters('/p')).toEqualTypeOf(pt.getParameters('/p'));
    expectTypeOf(ours.getParameters('/p', { transform: 'auto', recursive: true })).toEqualTypeOf(
      pt.getParameters('/p', { transform: 'auto', recursive: true }),
    );
    expectTypeOf(ours.getParametersByName({ '/a': {} })).toEqualTypeOf(pt.getParametersByName({ '/a': {} }));
    expectTypeOf(ours.setParameter('/a', { value: 'v' })).toEqualTypeOf(pt.setParameter('/a', { value: 'v' }));
  });

  it('getSecret', () => {
    expectTypeOf(oursSecrets.getSecret('s')).toEqualTypeOf(ptSecrets.getSecret('s'));
    expectTypeOf(oursSecrets.getSecret('s', { transform: 'json' })).toEqualTypeOf(
      ptSecrets.getSecret('s', { transform: 'json' }),
    );
    expectTypeOf(oursSecrets.getSecret('s', { transform: 'binary' })).toEqualTypeOf(
      ptSecrets.getSecret('s', { transform: 'binary' }),
    );
  });
});
