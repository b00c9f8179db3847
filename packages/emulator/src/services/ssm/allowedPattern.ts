import { RE2JS } from 're2js';
import { AwsServiceError } from '../../core/awsJson.js';

/**
 * The most work one check may take: RE2 program instructions × value characters. RE2 runs in time linear in both,
 * so this bounds a check to tens of milliseconds, whatever the pattern; realistic patterns (tens to a few hundred
 * instructions) stay far below it for any value SSM accepts (8 KB at most).
 */
export const MAX_PATTERN_COST = 4_000_000;

/**
 * Checks a value against a parameter's `AllowedPattern`, as AWS does: the pattern must be found in the value.
 * Patterns come from clients, so they run on RE2 (`re2js`, pure JavaScript), never on a backtracking engine: a
 * pattern like `^(a+)+$` cannot stall the server. Messages name the pattern and the value's length, never the value.
 */
export function checkAllowedPattern(pattern: string, value: string): void {
  const program = compile(pattern);
  const cost = program.programSize() * Math.max(1, value.length);
  if (cost > MAX_PATTERN_COST) {
    throw new AwsServiceError(
      'ValidationException',
      `AllowedPattern is too complex for a value of ${value.length} characters: its RE2 program has ` +
        `${program.programSize()} instructions, and instructions × characters may be at most ${MAX_PATTERN_COST}`,
    );
  }
  if (!program.test(value)) {
    throw new AwsServiceError(
      'ParameterPatternMismatchException',
      `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
    );
  }
}

function compile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch {
    // Compiling a backtracking RegExp is safe (only matching can blow up): it tells a pattern that is valid but
    // beyond RE2 (lookaround, backreferences) from one that is not a regular expression at all.
    if (!compilesAsRegExp(pattern)) {
      throw new AwsServiceError(
        'InvalidAllowedPatternException',
        `The request does not meet the regular expression requirement: ${pattern} is not a valid regular expression.`,
      );
    }
    throw new AwsServiceError(
      'ValidationException',
      `The paramkit emulator checks AllowedPattern with RE2, which cannot run this pattern (lookaround and backreferences are not supported): ${pattern}`,
    );
  }
}

function compilesAsRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
