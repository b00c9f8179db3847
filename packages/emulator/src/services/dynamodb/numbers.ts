import { AwsServiceError } from '../../core/awsJson.js';

/**
 * A DynamoDB number as sign, significant digits and exponent, so that numbers beyond a double's precision
 * (DynamoDB keeps 38 significant digits) still compare and print exactly.
 * The value is `sign * 0.digits * 10^exponent`; zero has no digits.
 */
interface Decimal {
  readonly sign: 1 | -1;
  /** Significant digits without leading or trailing zeros; empty for zero. */
  readonly digits: string;
  readonly exponent: number;
}

const NUMBER_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;

// The text as sent, untrimmed: DynamoDB refuses a number with spaces around it (`" 12 "`) as it refuses `"abc"`.
function parse(text: string): Decimal {
  const match = NUMBER_PATTERN.exec(text);
  const [, signText = '', intPart = '', fracPart = '', expText = '0'] = match ?? [];
  if (!match || (intPart === '' && fracPart === '')) {
    throw new AwsServiceError('ValidationException', 'A value provided cannot be converted into a number');
  }
  const all = intPart + fracPart;
  const lead = all.length - all.replace(/^0+/, '').length;
  const digits = all.replace(/^0+/, '').replace(/0+$/, '');
  if (digits === '') return { sign: 1, digits: '', exponent: 0 };
  return {
    sign: signText === '-' ? -1 : 1,
    digits,
    exponent: intPart.length - lead + Number.parseInt(expText, 10),
  };
}

function check(decimal: Decimal): void {
  if (decimal.digits.length > MAX_DIGITS) {
    throw new AwsServiceError('ValidationException', 'Attempting to store more than 38 significant digits in a Number');
  }
  // DynamoDB's range is 1E-130 to 9.99...E+125 in magnitude.
  if (decimal.digits !== '' && decimal.exponent > 126) {
    throw new AwsServiceError(
      'ValidationException',
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  }
  if (decimal.digits !== '' && decimal.exponent < -129) {
    throw new AwsServiceError(
      'ValidationException',
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  }
}

function format(decimal: Decimal): string {
  const { digits, exponent } = decimal;
  if (digits === '') return '0';
  let body: string;
  if (exponent <= 0) body = `0.${'0'.repeat(-exponent)}${digits}`;
  else if (exponent >= digits.length) body = digits + '0'.repeat(exponent - digits.length);
  else body = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return decimal.sign < 0 ? `-${body}` : body;
}

/**
 * Validates a DynamoDB number and returns its canonical text, as DynamoDB stores it (`"1.50"` → `"1.5"`,
 * `"1e2"` → `"100"`). Throws a `ValidationException` for text that is not a number or is out of range.
 */
export function canonicalNumber(text: string): string {
  const decimal = parse(text);
  check(decimal);
  return format(decimal);
}

/** Compares two DynamoDB numbers exactly: negative, zero or positive like `Array.prototype.sort` wants. */
export function compareNumbers(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  const xSign = x.digits === '' ? 0 : x.sign;
  const ySign = y.digits === '' ? 0 : y.sign;
  if (xSign !== ySign) return xSign - ySign;
  if (xSign === 0) return 0;
  let magnitude: number;
  if (x.exponent !== y.exponent) magnitude = x.exponent - y.exponent;
  else {
    const width = Math.max(x.digits.length, y.digits.length);
    const xd = x.digits.padEnd(width, '0');
    const yd = y.digits.padEnd(width, '0');
    magnitude = xd < yd ? -1 : xd > yd ? 1 : 0;
  }
  return xSign * Math.sign(magnitude);
}

/** The bytes DynamoDB bills for a number: about one byte per two significant digits, plus one. */
export function numberSize(text: string): number {
  return Math.ceil(parse(text).digits.length / 2) + 1;
}

/** `a + b` (or `a - b`) exactly, as DynamoDB's `SET x = x + :n` and `ADD` compute it; the result is checked as stored. */
export function addNumbers(a: string, b: string, subtract = false): string {
  const x = parse(a);
  const y = parse(b);
  // Each as an integer times 10^scale, at the smaller of the two scales.
  const scaleOf = (d: Decimal) => d.exponent - d.digits.length;
  const scale = Math.min(scaleOf(x), scaleOf(y));
  const integer = (d: Decimal) =>
    d.digits === '' ? 0n : BigInt(d.sign) * BigInt(d.digits) * 10n ** BigInt(scaleOf(d) - scale);
  const sum = integer(x) + (subtract ? -integer(y) : integer(y));
  return canonicalNumber(`${sum}e${scale}`);
}
