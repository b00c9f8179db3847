import { RE2JS, RE2JSSyntaxException } from 're2js';
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

/** RE2's bound on a repeat count; nested repeats multiply, so `(a{100}){20}` counts as 2000. */
const MAX_RE2_REPEAT = 1000;

function compile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    // Compiling a backtracking RegExp is safe (only matching can blow up): it tells a pattern that is valid but
    // beyond RE2 (lookaround, backreferences, large repeats) from one that is not a regular expression at all.
    if (!compilesAsRegExp(pattern)) {
      throw new AwsServiceError(
        'InvalidAllowedPatternException',
        `The request does not meet the regular expression requirement: ${pattern} is not a valid regular expression.`,
      );
    }
    throw new AwsServiceError(
      'ValidationException',
      `The paramkit emulator checks AllowedPattern with RE2, which cannot run this pattern (${re2Limit(error)}): ${pattern}`,
    );
  }
}

/** Why RE2 refused a pattern that is a regular expression elsewhere, in words a pattern's author can act on. */
function re2Limit(error: unknown): string {
  if (!(error instanceof RE2JSSyntaxException)) return 'it is too large to compile';
  const fragment = error.getPattern() ?? '';
  // RE2 words these as a bad escape, unsupported Perl syntax or (lookbehind) a bad named capture.
  if (/^(\(\?<?[=!]|\\[1-9k])/.test(fragment)) return 'lookaround and backreferences are not supported';
  switch (error.getDescription()) {
    case 'invalid repeat count':
      return (
        `the repeat count \`${fragment}\` is over RE2's limit of ${MAX_RE2_REPEAT}; ` +
        'nested repeats count as the product of their counts'
      );
    case 'invalid or unsupported Perl syntax':
    case 'invalid escape sequence':
      return `RE2 does not support \`${fragment}\``;
    case 'expression too large':
    case 'expression nests too deeply':
      return `${error.getDescription()} for RE2`;
    default:
      return fragment === '' ? error.getDescription() : `${error.getDescription()}: \`${fragment}\``;
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
