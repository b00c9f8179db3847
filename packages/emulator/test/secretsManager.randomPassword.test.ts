import {
  GetRandomPasswordCommand,
  type GetRandomPasswordCommandInput,
  InvalidParameterException,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { useSecretsManager } from './support/secretsManager.js';

const h = useSecretsManager();

const password = async (input: GetRandomPasswordCommandInput = {}) =>
  (await h.client.send(new GetRandomPasswordCommand(input))).RandomPassword ?? '';

describe('GetRandomPassword', () => {
  it('gives 32 characters with a letter of each case, a digit and punctuation, different every time', async () => {
    const passwords = await Promise.all(Array.from({ length: 20 }, () => password()));
    for (const text of passwords) {
      expect(text).toHaveLength(32);
      expect(text).toMatch(/[a-z]/);
      expect(text).toMatch(/[A-Z]/);
      expect(text).toMatch(/[0-9]/);
      expect(text).toMatch(/[!-/:-@[-`{-~]/);
      expect(text).not.toContain(' ');
    }
    expect(new Set(passwords).size).toBe(20);
  });

  it('keeps only the kinds of character asked for, without the excluded ones', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await password({ PasswordLength: 40, ExcludePunctuation: true, ExcludeCharacters: 'lI1O0' })).toMatch(
        /^[a-zA-HJ-NP-Z2-9]{40}$/,
      );
      expect(
        await password({ PasswordLength: 8, ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true }),
      ).toMatch(/^[0-9]{8}$/);
    }
    const spaced = await password({
      PasswordLength: 5,
      IncludeSpace: true,
      ExcludeLowercase: true,
      ExcludeUppercase: true,
      ExcludeNumbers: true,
    });
    expect(spaced).toContain(' ');
    expect(await password({ PasswordLength: 1, RequireEachIncludedType: false })).toHaveLength(1);
    expect(await password({ PasswordLength: 4096 })).toHaveLength(4096);
  });

  it('refuses a length out of bounds, too short for the kinds required, or nothing to draw from', async () => {
    const tooLong = await rejection(password({ PasswordLength: 4097 }));
    expect(tooLong.name).toBe('ValidationException');
    expect(tooLong.message).toMatch(
      /at 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to 4096/,
    );
    const zero = await rejection(password({ PasswordLength: 0 }));
    expect(zero.name).toBe('ValidationException');
    const short = await rejection(password({ PasswordLength: 3 }));
    expect(short).toBeInstanceOf(InvalidParameterException);
    expect(short.message).toBe('Password length is too short based on the required types.');
    const nothing = await rejection(
      password({ ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true }),
    );
    expect(nothing).toBeInstanceOf(InvalidParameterException);
    expect(nothing.message).toMatch(/every kind of character is excluded/);
  });
});
