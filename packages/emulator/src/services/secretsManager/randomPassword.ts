import { randomInt } from 'node:crypto';
import { invalidParameter } from './errors.js';
import { type Input, optionalBoolean, optionalInteger, optionalString } from './input.js';

// GetRandomPassword, as rotation functions call it: characters drawn with a cryptographic generator from the kinds
// the request keeps, at least one of each kind by default.

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** AWS's punctuation: every printable ASCII character that is neither a letter, a digit nor a space. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const DEFAULT_LENGTH = 32;

/** GetRandomPassword: `{ RandomPassword }`, 32 characters unless `PasswordLength` (1–4096) says otherwise. */
export function getRandomPassword(input: Input): Record<string, unknown> {
  const length = optionalInteger(input, 'PasswordLength', 1, 4096) ?? DEFAULT_LENGTH;
  const excluded = optionalString(input, 'ExcludeCharacters', { min: 0, max: 4096 }) ?? '';
  const kinds = [
    optionalBoolean(input, 'ExcludeLowercase') ? '' : LOWERCASE,
    optionalBoolean(input, 'ExcludeUppercase') ? '' : UPPERCASE,
    optionalBoolean(input, 'ExcludeNumbers') ? '' : DIGITS,
    optionalBoolean(input, 'ExcludePunctuation') ? '' : PUNCTUATION,
    optionalBoolean(input, 'IncludeSpace') ? ' ' : '',
  ]
    .map((kind) => [...kind].filter((character) => !excluded.includes(character)).join(''))
    .filter((kind) => kind !== '');
  const requireEach = optionalBoolean(input, 'RequireEachIncludedType') ?? true;
  if (kinds.length === 0) {
    throw invalidParameter('The password cannot be generated: every kind of character is excluded.');
  }
  if (requireEach && length < kinds.length) {
    throw invalidParameter('Password length is too short based on the required types.');
  }
  const all = kinds.join('');
  const characters = requireEach ? kinds.map(pick) : [];
  while (characters.length < length) characters.push(pick(all));
  // The required characters were put first: shuffle them into places no one can predict.
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other] as string, characters[index] as string];
  }
  return { RandomPassword: characters.join('') };
}

function pick(from: string): string {
  return from.charAt(randomInt(from.length));
}
