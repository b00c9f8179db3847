import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, SECRET_VALUES, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';

const clock = manualClock();
let t: TestAgent;
const answers: { path: string; status: number; text: string }[] = [];

const PATHS = [
  '/ping',
  '/secretsmanager/get?secretId=app/db',
  '/secretsmanager/get?secretId=app/rotated&versionStage=AWSPREVIOUS',
  '/secretsmanager/get?secretId=app/db&color=red',
  '/secretsmanager/get?secretId=missing',
  '/secretsmanager/batch-get?secretId=app/db&secretId=app/api-key&secretId=missing',
  '/systemsmanager/parameters/get?name=/app/secure&withDecryption=true',
  '/systemsmanager/parameters/get?name=/app/secure&withDecryption=true&version=7',
  '/systemsmanager/parameters/get-by-path?path=/app&withDecryption=true',
  '/metrics',
  '/metrics?format=prometheus',
  '/nowhere',
];

beforeAll(async () => {
  t = await startTestAgent(
    { PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug', SECRETS_MANAGER_TTL: '1', SSM_PARAMETER_STORE_TTL: '1' },
    { now: clock.now },
  );
  const record = async (path: string, headers?: Record<string, string>) => {
    const response = await t.get(path, headers);
    answers.push({
      path,
      status: response.status,
      text: `${JSON.stringify([...response.headers])}${await response.text()}`,
    });
  };
  for (const path of PATHS) await record(path);
  // Failures of every kind, and stale values served after them.
  clock.advance(2_000);
  t.emulator.faults.add({ serverErrorRate: 1, times: 4 });
  for (const path of PATHS) await record(path);
  t.emulator.faults.add({ throttleRate: 1 });
  await record('/secretsmanager/get?secretId=app/api-key&refreshNow=true');
  t.emulator.faults.clear();
  await record('/secretsmanager/get?secretId=app/db', { 'x-aws-parameters-secrets-token': 'wrong' });
  await record('/secretsmanager/get?secretId=app/db', { 'x-forwarded-for': '1.1.1.1' });
});
afterAll(() => t.stop());

describe('secrets stay out of logs and error answers', () => {
  it('no log line holds a secret value or the token, at debug level', () => {
    expect(t.logs.length).toBeGreaterThan(PATHS.length);
    const log = t.logs.join('');
    for (const value of [...SECRET_VALUES, TOKEN]) expect(log).not.toContain(value);
    for (const line of t.logs) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('prints the effective configuration at debug level, naming the token source only', () => {
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'effective configuration');
    expect(line).toMatchObject({ level: 'debug', tokenSource: 'AWS_SESSION_TOKEN', cacheSize: 1000, port: 0 });
    expect(line).not.toHaveProperty('token');
  });

  it('no answer holds the token, and no error answer holds a secret value', () => {
    const failures = answers.filter((a) => a.status >= 400);
    expect(new Set(failures.map((a) => a.status))).toEqual(new Set([400, 403, 404, 500]));
    for (const answer of answers) expect(answer.text).not.toContain(TOKEN);
    for (const answer of failures) {
      for (const value of SECRET_VALUES) expect(answer.text, answer.path).not.toContain(value);
    }
    for (const metrics of answers.filter((a) => a.path.startsWith('/metrics'))) {
      for (const value of SECRET_VALUES) expect(metrics.text).not.toContain(value);
    }
  });
});
