import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseSource, parseValueAddress } from '../src/address.js';
import { toEnvName } from '../src/envNames.js';
import { dotenvLine, parseDotenv } from '../src/formats/dotenv.js';
import { parseValues, serialize } from '../src/formats/files.js';

// The pure rules behind the verbs: how names address a store, how keys become variable names, dotenv quoting.
describe('names', () => {
  it('addresses SSM by default and Secrets Manager by prefix or ARN', () => {
    expect(parseValueAddress('/app/db')).toEqual({ service: 'ssm', name: '/app/db' });
    expect(parseValueAddress('ssm:/app/db:3')).toEqual({ service: 'ssm', name: '/app/db:3' });
    expect(parseValueAddress('secret:prod/db')).toEqual({ service: 'secrets', name: 'prod/db' });
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';
    expect(parseValueAddress(arn)).toEqual({ service: 'secrets', name: arn });
    expect(() => parseValueAddress('secret:')).toThrow("'secret:' names no parameter or secret");
  });

  it('tells paths, secrets folders, files and declarations apart', () => {
    expect(parseSource('/app/prod')).toEqual({ kind: 'store', service: 'ssm', path: '/app/prod' });
    expect(parseSource('secret:prod/')).toEqual({ kind: 'store', service: 'secrets', path: 'prod/' });
    expect(parseSource('/tmp/prod.json')).toEqual({ kind: 'file', path: '/tmp/prod.json', format: 'json' });
    expect(parseSource('.env.production')).toEqual({ kind: 'file', path: '.env.production', format: 'dotenv' });
    expect(parseSource('ssm:/app/config.json')).toEqual({ kind: 'store', service: 'ssm', path: '/app/config.json' });
    expect(parseSource('./config.mjs')).toEqual({ kind: 'declaration', path: './config.mjs' });
    expect(() => parseSource('app/prod')).toThrow("paths start with '/' (secrets: secret:app/prod)");
  });

  it('normalises keys to UPPER_SNAKE environment names as chamber does', () => {
    expect(toEnvName('db/password')).toBe('DB_PASSWORD');
    expect(toEnvName('api-key.v2')).toBe('API_KEY_V2');
    expect(toEnvName('/2fa//secret/')).toBe('_2FA_SECRET');
  });
});

describe('dotenv', () => {
  it('quotes every value so that Node.js’s parser reads it back unchanged', () => {
    const values = ['plain', "it's", 'say "hi"\nbye', 'a\\nb', '$HOME #not a comment', 'back`tick', ''];
    const text = values.map((value, i) => `${dotenvLine(`K${i}`, value)}\n`).join('');
    expect(parseDotenv(text, 'test.env').map((entry) => entry.value)).toEqual(values);
    expect(() => dotenvLine('K', `'"\`\n`)).toThrow('the value of K cannot be written as dotenv');
  });

  it('writes a quote with a literal \\n in backticks, and refuses a carriage return, which Node.js drops', () => {
    const value = "it's a\\nb";
    expect(dotenvLine('K', value)).toBe(`K=\`${value}\``);
    expect(parseDotenv(dotenvLine('K', value), 'test.env')[0]?.value).toBe(value);
    expect(() => dotenvLine('K', 'a\r\nb')).toThrow('the value of K holds a carriage return');
  });

  it('writes yaml that YAML 1.1 and 1.2 readers both read back as the same strings', () => {
    const values: [string, string][] = [
      ['/app/enabled', 'yes'],
      ['no', 'off'],
      ['/app/mode', 'On'],
      ['/app/octal', '0o17'],
      ['/app/day', '2024-01-01'],
      ['/app/time', '12:30:00'],
      ['/app/number', '1_000'],
      ['/app/nothing', '~'],
      ['/app/empty', ''],
      ['/app/text', 'plain text'],
      ['/app/lines', 'one\ntwo'],
      ['/app/tab', 'a\tb'],
      ['/app/separator', 'a\u2028b'],
    ];
    const yaml = serialize('yaml', values);
    // PyYAML refuses a tab or U+2028 in a plain scalar.
    expect(yaml).toContain('/app/tab: "a\\tb"\n');
    expect(yaml).toContain('/app/enabled: "yes"\n');
    expect(yaml).toContain('"no": "off"\n');
    expect(yaml).toContain('/app/text: plain text\n');
    for (const version of ['1.1', '1.2'] as const) {
      expect(parseYaml(yaml, { version })).toEqual(Object.fromEntries(values));
    }
  });

  it('reads yaml scalars as they are written: 01234, 1.10 and 0x1F stay text, not numbers', () => {
    const yaml =
      'zip: 01234\nversion: 1.10\nport: 0x1F\nbig: 12345678901234567890\nflag: true\nsame: &v x\nalias: *v\n';
    expect(parseValues('yaml', yaml, 'hand.yaml')).toEqual([
      { key: 'zip', value: '01234' },
      { key: 'version', value: '1.10' },
      { key: 'port', value: '0x1F' },
      { key: 'big', value: '12345678901234567890' },
      { key: 'flag', value: 'true' },
      { key: 'same', value: 'x' },
      { key: 'alias', value: 'x' },
    ]);
    expect(() => parseValues('yaml', 'gone: ~\n', 'nulls.yaml')).toThrow("the value of 'gone' must be text");
  });

  it('reads json numbers as they are written: 1.10, 1e3 and 20-digit ids keep their text', () => {
    const json =
      '{"version": 1.10, "rate": 1e3, "id": 12345678901234567890, "neg": -0, "huge": 1e400, "n": 7, "s": "1.10", "on": true, "a": {"b": 2.50}, "dup": 1.0, "dup": 2.00}';
    expect(parseValues('json', json, 'hand.json')).toEqual([
      { key: 'version', value: '1.10' },
      { key: 'rate', value: '1e3' },
      { key: 'id', value: '12345678901234567890' },
      { key: 'neg', value: '-0' },
      { key: 'huge', value: '1e400' },
      { key: 'n', value: '7' },
      { key: 's', value: '1.10' },
      { key: 'on', value: 'true' },
      { key: 'a/b', value: '2.50' },
      { key: 'dup', value: '2.00' },
    ]);
    expect(() => parseValues('json', '{"a": 1.10,}', 'bad.json')).toThrow('bad.json is not valid json');
    // YAML reads this JSON otherwise (a tab-indented block is no YAML): JSON.parse's values stand.
    expect(parseValues('json', '{\n\t"v": 1.10\n}', 'tabs.json')).toEqual([
      { key: 'v', value: expect.stringMatching(/^1\.10?$/) },
    ]);
  });

  it('refuses a key given twice, once as a key and once by nesting, instead of dropping one', () => {
    expect(() => parseValues('json', '{"a/b":"1","a":{"b":"2"}}', 'coll.json')).toThrow(
      "coll.json: 'a/b' is given twice (as a key and by nesting)",
    );
    expect(() => parseValues('yaml', 'a:\n  b: 2\na/b: 1\n', 'coll.yaml')).toThrow("'a/b' is given twice");
  });

  it('writes an empty set as valid json, yaml and dotenv', () => {
    expect([serialize('json', []), serialize('yaml', []), serialize('dotenv', [])]).toEqual(['{}\n', '{}\n', '']);
  });
});
