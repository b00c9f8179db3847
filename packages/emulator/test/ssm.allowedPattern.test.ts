import {
  InvalidAllowedPatternException,
  ParameterPatternMismatchException,
  PutParameterCommand,
  type PutParameterCommandInput,
  ValidationException,
} from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { useSsm } from './support/ssm.js';

// Repro of issue 9 ("Emulator"): `^(a+)+$` against forty `a`s and a `!` blocked the whole process, because the
// pattern ran on a backtracking engine. It now runs on RE2 (linear time).

const ctx = useSsm();

const put = (input: Partial<PutParameterCommandInput>) =>
  ctx.client.send(new PutParameterCommand({ Name: '/app/p', Value: 'v', Type: 'String', ...input }));
const putError = (input: Partial<PutParameterCommandInput>) => rejection(put(input));

describe('AllowedPattern on a linear-time engine', () => {
  it('answers a catastrophic-backtracking pattern at once, and the server keeps serving meanwhile', async () => {
    const attempts = Array.from({ length: 5 }, () =>
      putError({ AllowedPattern: '^(a+)+$', Value: `${'a'.repeat(40)}!` }),
    );
    const health = fetch(`${ctx.emulator.endpoint}/_paramkit/health`).then((r) => r.status);
    for (const error of await Promise.all(attempts)) expect(error).toBeInstanceOf(ParameterPatternMismatchException);
    expect(await health).toBe(200);
    await expect(put({ AllowedPattern: '^(a+)+$', Value: 'a'.repeat(4000) })).resolves.toMatchObject({ Version: 1 });
  });

  it('keeps the usual regular-expression features', async () => {
    const cases: [string, string, boolean][] = [
      ['^\\d{3}-\\d{4}$', '555-1234', true],
      ['^\\d{3}-\\d{4}$', '555-12345', false],
      ['^[a-zA-Z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', 'me@example.com', true],
      ['^(?i)prod|staging$', 'PROD', true],
      ['^\\p{L}+$', 'héllo', true],
      ['^\\w+$', 'has space', false],
      // AWS checks whether the pattern is found in the value, as RegExp.test does: no implicit anchors.
      ['\\d', 'abc1', true],
      // Redundant parentheses are fine in Java's regular expressions (AWS) and in RE2 alike.
      ['^((\\d+))$', '42', true],
    ];
    for (const [pattern, value, matches] of cases) {
      const outcome = await put({ Name: '/app/case', AllowedPattern: pattern, Value: value, Overwrite: true }).then(
        () => true,
        (error: Error) => (error instanceof ParameterPatternMismatchException ? false : error.name),
      );
      expect({ pattern, value, outcome }).toEqual({ pattern, value, outcome: matches });
      ctx.emulator.ssm.deleteParameter('/app/case');
    }
  });

  it('answers a pattern no engine compiles with InvalidAllowedPatternException, as AWS does', async () => {
    expect(await putError({ AllowedPattern: '(' })).toBeInstanceOf(InvalidAllowedPatternException);
    expect(await putError({ AllowedPattern: '[z-a]' })).toBeInstanceOf(InvalidAllowedPatternException);
  });

  it('answers lookaround and backreferences, which RE2 cannot run in linear time, with a clear ValidationException', async () => {
    for (const pattern of ['^(?=.*\\d).+$', '(a)\\1', '(?<!x)y']) {
      const error = await putError({ AllowedPattern: pattern });
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toBe(
        `The paramkit emulator checks AllowedPattern with RE2, which cannot run this pattern (lookaround and backreferences are not supported): ${pattern}`,
      );
    }
  });

  it("answers a repeat count past RE2's limit of 1000 with a 400 ValidationException naming that limit", async () => {
    const cases: [string, string][] = [
      ['a{1001}', '{1001}'],
      ['^\\d{2,1001}$', '{2,1001}'],
      ['x{1001,}', '{1001,}'],
      // Nested repeats multiply: 100 × 20 is past the limit although each count alone is not.
      ['^(ab{100}){20}$', '{20}'],
    ];
    for (const [pattern, fragment] of cases) {
      const error = await putError({ AllowedPattern: pattern });
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.$metadata?.httpStatusCode).toBe(400);
      expect(error.message).toBe(
        `The paramkit emulator checks AllowedPattern with RE2, which cannot run this pattern (the repeat count \`${fragment}\` is over RE2's limit of 1000; nested repeats count as the product of their counts): ${pattern}`,
      );
    }
    await expect(put({ AllowedPattern: '^a{1000}$', Value: 'a'.repeat(1000) })).resolves.toMatchObject({ Version: 1 });
  });

  it('names the construct RE2 lacks when a pattern valid elsewhere uses another one', async () => {
    const error = await putError({ AllowedPattern: '^v\\Z' });
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe(
      'The paramkit emulator checks AllowedPattern with RE2, which cannot run this pattern (RE2 does not support `\\Z`): ^v\\Z',
    );
  });

  it('refuses a pattern too costly for the value, naming the limit', async () => {
    const pattern = `^${'(a|b){1,1000}'.repeat(3)}$`;
    const error = await putError({ AllowedPattern: pattern, Value: 'ab'.repeat(2000), Tier: 'Advanced' });
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(
      /^AllowedPattern is too complex for a value of 4000 characters: its RE2 program has \d+ instructions, and instructions × characters may be at most 4000000$/,
    );
    expect(error.message).not.toContain('abab');
  });
});
