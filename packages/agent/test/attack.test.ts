import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { SECRET_VALUES, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';
import { type RawAnswer, sendRaw } from './helpers/rawRequest.js';

/*
 * Property-based attacks on the agent over raw sockets: request lines, methods, paths, query strings and headers
 * drawn by fast-check (seeded, bounded). Every request gets an answer within a deadline; a client's mistake is a
 * 4xx, never a 5xx (no upstream fault is injected here), a hang or a crash; no answer but a value's own 200, and no
 * log line, holds the token or a seeded value.
 */

const SEED = 0x5eed_a9e7;
const DEADLINE_MS = 3_000;
const ROUTES = [
  '/secretsmanager/get',
  '/systemsmanager/parameters/get',
  '/systemsmanager/parameters/get-by-path',
  '/secretsmanager/batch-get',
  '/v1/app%2Fdb',
  '/v1/',
  '/metrics',
  '/ping',
  '/',
  '//',
  '/secretsmanager/get/',
  '/SECRETSMANAGER/GET',
];
const KEYS = [
  'secretId',
  'versionId',
  'versionStage',
  'refreshNow',
  'name',
  'version',
  'label',
  'withDecryption',
  'path',
  'recursive',
  'format',
  '__proto__',
  'constructor',
  'toString',
];
const NAMES = ['app/db', 'app/api-key', 'app/cert', 'app/rotated', '/app/url', '/app/secure', '/app/flag', '/tree'];

let t: TestAgent;
let answered = 0;
beforeAll(async () => {
  t = await startTestAgent({ PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  // The agent still serves after everything the properties sent.
  expect((await t.get('/ping')).status).toBe(200);
  await t.stop();
  console.info(`attack suite: ${answered} raw requests answered`);
});

/** Text with every kind of character a client could put in a URL: ASCII, controls, %-escapes, UTF-8. */
const anyText = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary-ascii', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom(
    '%',
    '%2',
    '%zz',
    '%00',
    '%E0%A4%A',
    '+',
    '%2B',
    '..',
    '%2e%2e',
    '\u0000',
    'a b',
    '#x',
    '?',
    '&',
    '=',
  ),
  fc.constantFrom(...NAMES),
);

/** A query string: known and unknown keys, repeated keys, values raw or percent-encoded, odd separators. */
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), anyText), fc.option(anyText, { nil: undefined }), fc.boolean()), {
    maxLength: 6,
  })
  .map((pairs) =>
    pairs
      .map(([key, value, encode]) => {
        const text = (part: string) => (encode ? encodeURIComponent(part) : part);
        return value === undefined ? text(key) : `${text(key)}=${text(value)}`;
      })
      .join('&'),
  );

const method = fc.oneof(
  fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT'),
  fc.constantFrom('get', 'FOO', 'GET ', 'PROPFIND', 'M-SEARCH'),
);

const tokenHeader = fc.constantFrom<string[]>(
  [`${TOKEN_HEADER}: ${TOKEN}`],
  [`${TOKEN_HEADER}: ${TOKEN}`],
  [],
  [`${TOKEN_HEADER}: wrong`],
  [`${TOKEN_HEADER}: ${TOKEN}`, `${TOKEN_HEADER}: ${TOKEN}`],
  [`${TOKEN_HEADER}: ${TOKEN.slice(0, -1)}\u00ff`],
  [`${TOKEN_HEADER}:`],
);

/** Extra headers: names in HTTP's token characters, values of any visible text; some known-special ones. */
const extraHeaders = fc.array(
  fc.oneof(
    fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/),
        fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      )
      .map(([name, value]) => `${name}: ${value.replace(/[\r\n]/g, '')}`),
    fc.constantFrom(
      'x-forwarded-for: 10.0.0.1',
      'accept: text/plain',
      'accept: */*',
      'upgrade: websocket',
      'connection: upgrade',
      'expect: 100-continue',
      'content-length: 5',
      'transfer-encoding: chunked',
      'content-length: abc',
      'host: evil.example',
    ),
  ),
  { maxLength: 4 },
);

function request(line: string, headers: string[]): string {
  return `${line}\r\nhost: 127.0.0.1\r\n${headers.map((header) => `${header}\r\n`).join('')}connection: close\r\n\r\n`;
}

/** `minStatus`: the least status allowed; 400 where the request must be refused. */
function check(answer: RawAnswer, sent: string, minStatus = 100): void {
  answered++;
  const context = `${JSON.stringify(sent)} -> ${JSON.stringify(answer.text.slice(0, 300))}`;
  expect(answer.outcome, context).toBe('closed');
  expect(answer.status, context).toBeDefined();
  expect(answer.status as number, context).toBeGreaterThanOrEqual(minStatus);
  expect(answer.status as number, context).toBeLessThan(500);
  expect(answer.text, context).not.toContain(TOKEN);
  if (answer.status !== 200) {
    for (const value of SECRET_VALUES) expect(answer.text, context).not.toContain(value);
  }
}

function checkLogs(): void {
  const log = t.logs.join('');
  expect(log).not.toContain(TOKEN);
  for (const value of SECRET_VALUES) expect(log).not.toContain(value);
  for (const line of t.logs) expect(() => JSON.parse(line)).not.toThrow();
}

describe('attack: fuzzed requests over raw sockets', () => {
  it('methods, paths, query strings and headers: an answer in time, never a 5xx, no leak', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.oneof(
          fc.constantFrom(...ROUTES),
          fc.webPath(),
          anyText.map((text) => `/${text}`),
        ),
        query,
        tokenHeader,
        extraHeaders,
        async (verb, path, search, token, extra) => {
          const sent = request(`${verb} ${path}${search === '' ? '' : `?${search}`} HTTP/1.1`, [...token, ...extra]);
          check(await sendRaw(t.agent.port, sent, DEADLINE_MS), sent);
        },
      ),
      { seed: SEED, numRuns: 1000, endOnFailure: true },
    );
    checkLogs();
  }, 60_000);

  it('arbitrary request lines and header blocks: the parser refuses them with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary-ascii', maxLength: 80 }),
          fc.string({ maxLength: 80 }).map((text) => `GET /${text} HTTP/1.1`),
          fc.constantFrom('GET', 'GET /', 'GET / HTTP/9.9', 'GET / HTTP/1.1 extra', ' / HTTP/1.1', 'GET\t/\tHTTP/1.1'),
        ),
        fc.array(fc.string({ unit: 'binary-ascii', maxLength: 40 }), { maxLength: 3 }),
        async (line, headers) => {
          const sent = request(
            line.replace(/\r?\n/g, ' '),
            headers.map((header) => header.replace(/[\r\n]/g, '')),
          );
          check(await sendRaw(t.agent.port, sent, DEADLINE_MS), sent, 400);
        },
      ),
      { seed: SEED + 1, numRuns: 400, endOnFailure: true },
    );
    checkLogs();
  }, 60_000);

  it('token-carrying reads with fuzzed ids and selectors reach AWS and still answer 2xx/4xx', async () => {
    const before = t.emulator.requests.count();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/secretsmanager/get?secretId=', '/systemsmanager/parameters/get?name=', '/v1/'),
        fc.oneof(fc.constantFrom(...NAMES), anyText).map(encodeURIComponent),
        fc.constantFrom(
          '',
          '&versionStage=AWSPREVIOUS',
          '&versionId=x',
          '&version=2',
          '&label=prod',
          '&withDecryption=true',
        ),
        async (route, id, selector) => {
          const target = route === '/v1/' ? `${route}${id}` : `${route}${id}${selector}`;
          const sent = request(`GET ${target} HTTP/1.1`, [`${TOKEN_HEADER}: ${TOKEN}`]);
          check(await sendRaw(t.agent.port, sent, DEADLINE_MS), sent);
        },
      ),
      { seed: SEED + 2, numRuns: 300, endOnFailure: true },
    );
    // Fuzzed ids past the agent's own checks are looked up in AWS (a cached or refused one is not).
    expect(t.emulator.requests.count()).toBeGreaterThan(before);
    checkLogs();
  }, 60_000);
});
