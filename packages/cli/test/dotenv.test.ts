import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../src/formats/dotenv.js';

// How `import`, `diff`, `env` and `exec` read a dotenv file: what the common parsers (Node.js's --env-file, the
// dotenv package, python-dotenv) agree on is accepted; anything else is refused naming the line and the problem.
const parse = (text: string) => parseDotenv(text, 'prod.env');
const values = (text: string) => Object.fromEntries(parse(text).map(({ key, value }) => [key, value]));
const refusal = (text: string) => {
  try {
    parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('dotenv files that are accepted', () => {
  it('reads names, the export prefix, comments, blank lines and spaces around =', () => {
    const text = [
      '# the database',
      '',
      'export DB_URL=postgres://db',
      'export\tTABS=1',
      '  SPACED  =  a value with spaces  ',
      'LOG.LEVEL=debug # a comment after a space',
      'dash-name=1',
      'export=a name, not a prefix',
      '   # an indented comment',
    ].join('\n');
    expect(parse(text)).toEqual([
      { key: 'DB_URL', value: 'postgres://db', line: 3 },
      { key: 'TABS', value: '1', line: 4 },
      { key: 'SPACED', value: 'a value with spaces', line: 5 },
      { key: 'LOG.LEVEL', value: 'debug', line: 6 },
      { key: 'dash-name', value: '1', line: 7 },
      { key: 'export', value: 'a name, not a prefix', line: 8 },
    ]);
  });

  it('reads empty values, quoted or not', () => {
    expect(values('A=\nB=""\nC=\'\'\nD= # only a comment\n')).toEqual({ A: '', B: '', C: '', D: '' });
  });

  it('keeps single-quoted and backtick values literal, and reads \\n in double quotes as a newline', () => {
    const text = [
      "SINGLE='a # not a comment, $HOME, \\n'",
      'BACKTICK=`it\'s "quoted"`',
      'DOUBLE="line one\\nline two, it\'s \\t kept"',
      'HASHED="a#b" # comment',
      'JSON=\'{"a":1}\'',
    ].join('\n');
    expect(values(text)).toEqual({
      SINGLE: 'a # not a comment, $HOME, \\n',
      BACKTICK: 'it\'s "quoted"',
      DOUBLE: "line one\nline two, it's \\t kept",
      HASHED: 'a#b',
      JSON: '{"a":1}',
    });
  });

  it('reads quoted values over several lines, numbering the entries by their first line', () => {
    const text = 'KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nNEXT=1\r\nLAST=\'x\r\ny\'\r\n';
    expect(parse(text)).toEqual([
      { key: 'KEY', value: '-----BEGIN KEY-----\nabc\n-----END KEY-----', line: 1 },
      { key: 'NEXT', value: '1', line: 4 },
      { key: 'LAST', value: 'x\ny', line: 5 },
    ]);
  });

  it('reads what Node.js reads wherever it reads a file without error', () => {
    const text = 'export A=1\nB="two\\nlines"\nC=\'$x\'\nD=`t`\n# c\nE=e # c\nF=\n';
    expect(values(text)).toEqual(parseEnv(text));
    expect(values('\uFEFFA=1\n')).toEqual({ A: '1' });
  });

  it('keeps the last value of a name given twice, as the parsers do, and says so', () => {
    const repeats: string[] = [];
    const entries = parseDotenv('A=1\nB=2\nA=3\n', 'prod.env', (key, line, first) =>
      repeats.push(`${key} ${line} ${first}`),
    );
    expect(entries).toEqual([
      { key: 'B', value: '2', line: 2 },
      { key: 'A', value: '3', line: 3 },
    ]);
    expect(repeats).toEqual(['A 3 1']);
  });
});

describe('dotenv files that are refused, naming the line and the problem but never the value', () => {
  it.each([
    ['a line without =', 'A=1\nhunter2-stray-line\n', "prod.env, line 2: expected NAME=value, but the line has no '='"],
    ['a YAML-style line', 'A: hunter2\n', "prod.env, line 1: expected NAME=value, but the line has no '='"],
    ['no name', 'A=1\n=hunter2\n', "prod.env, line 2: there is no name before the '='"],
    [
      'a name with a space',
      'MY KEY=hunter2\n',
      "prod.env, line 1: a name may hold only letters, digits, '_', '.' and '-'",
    ],
    [
      'a quote never closed',
      'A=1\nB="hunter2\nC=3\n',
      'prod.env, line 2: the value of B opens a " quote that is never closed',
    ],
    [
      'a single quote never closed',
      "A='hunter2\n",
      "prod.env, line 1: the value of A opens a ' quote that is never closed",
    ],
    [
      'text after the closing quote',
      'A="hunter2" extra\n',
      'prod.env, line 1: the value of A goes on after its closing " (only a # comment may follow)',
    ],
    [
      'text after a closing quote on a later line',
      "A='hun\nter2'x\n",
      "prod.env, line 2: the value of A goes on after its closing ' (only a # comment may follow)",
    ],
    [
      'an escaped double quote',
      'A="hunter\\"2"\n',
      'prod.env, line 1: the double-quoted value of A has an escaped quote (\\"), which dotenv parsers read ' +
        "differently; quote the value with ' or ` instead",
    ],
    [
      "a '#' inside an unquoted value",
      'PASSWORD=hunter#2\n',
      "prod.env, line 1: the unquoted value of PASSWORD has a '#' that some dotenv parsers read as the start of a " +
        'comment and others keep; quote the value, or put a space before a comment',
    ],
    [
      "an unquoted value that starts with '#'",
      'COLOR=#hunter2\n',
      "prod.env, line 1: the unquoted value of COLOR starts with '#', which some dotenv parsers read as an empty " +
        'value and others as text; quote the value (or write NAME= for an empty one)',
    ],
  ])('%s', (_, text, message) => {
    const refused = refusal(text);
    expect(refused).toBe(message);
    expect(refused).not.toMatch(/hunter|ter2/);
  });

  it("reads 'NAME= # note' as empty, as every parser does, and a long line in linear time", () => {
    expect(values('A= # note\nB=1\n')).toEqual({ A: '', B: '1' });
    const started = performance.now();
    expect(refusal(`a${' '.repeat(200_000)}b\n`)).toBe(
      "prod.env, line 1: expected NAME=value, but the line has no '='",
    );
    expect(performance.now() - started).toBeLessThan(1000); // the old pattern took minutes on this line
  });

  it('accepts a value ending in a backslash before its closing quote, as every parser reads it', () => {
    expect(values('A="C:\\"\nB=1\n')).toEqual({ A: 'C:\\', B: '1' });
  });
});
