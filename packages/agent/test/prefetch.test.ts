import { describe, expect, it } from 'vitest';
import { parsePrefetch } from '../src/config/prefetch.js';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { Query } from '../src/http/query.js';
import { secretSelection } from '../src/http/selection.js';
import { Logger } from '../src/log.js';
import { prefetch } from '../src/prefetch.js';
import { CURRENT_VERSION, secretVersion } from '../src/upstream/secretVersion.js';
import { SECRET_VALUES, type TestAgent, TOKEN } from './helpers/agent.js';
import { useSharedEmulator } from './helpers/sharedEmulator.js';

const shared = useSharedEmulator();

const start = (prefetch: string) =>
  shared.startAgent({ PARAMKIT_AGENT_PREFETCH: prefetch, PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug' });

const logLines = (agent: TestAgent) => agent.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('prefetch list (PARAMKIT_AGENT_PREFETCH)', () => {
  it('loads secrets, parameters and paths at start; later requests with the same keys are hits', async () => {
    const a = await start(
      'secret:app/db, ssm:/app/secure?withDecryption=true, ssm:/app/flag?label=prod, ssm-path:/tree?recursive=true',
    );
    expect(await a.agent.prefetched).toEqual({ loaded: 4, failed: 0 });
    expect(shared.emulator.requests.snapshot()).toEqual({ GetSecretValue: 1, GetParameter: 2, GetParametersByPath: 1 });

    const secret = await a.get('/secretsmanager/get?secretId=app/db');
    expect(JSON.parse(((await secret.json()) as { SecretString: string }).SecretString)).toMatchObject({
      password: 'sv-db-pass-8c41',
    });
    const secure = await a.get('/systemsmanager/parameters/get?name=/app/secure&withDecryption=true');
    expect(((await secure.json()) as { Parameter: { Value: string } }).Parameter.Value).toBe('pv-secure-9f9f');
    const flag = await a.get('/systemsmanager/parameters/get?name=/app/flag&label=prod');
    expect(((await flag.json()) as { Parameter: { Value: string } }).Parameter.Value).toBe('on');
    const tree = await a.get('/systemsmanager/parameters/get-by-path?path=/tree&recursive=true');
    expect(((await tree.json()) as { Parameters: unknown[] }).Parameters).toHaveLength(2);
    // Every answer came from what the prefetch loaded.
    expect(shared.emulator.requests.snapshot()).toEqual({ GetSecretValue: 1, GetParameter: 2, GetParametersByPath: 1 });
    // A read with other keys is another value: not prefetched.
    await a.get('/systemsmanager/parameters/get?name=/app/secure');
    expect(shared.emulator.requests.count('GetParameter')).toBe(3);
  });

  it('serves while it loads: a request for an entry in flight joins its read', async () => {
    shared.emulator.faults.add({ service: 'secretsmanager', latencyMs: 300 });
    const a = await start('secret:app/api-key');
    let loaded = false;
    void a.agent.prefetched.then(() => {
      loaded = true;
    });
    expect((await a.get('/ping')).status).toBe(200);
    expect(loaded).toBe(false);
    const response = await a.get('/secretsmanager/get?secretId=app/api-key');
    expect(((await response.json()) as { SecretString: string }).SecretString).toBe('sv-api-key-55e0');
    await a.agent.prefetched;
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(1);
  });

  it('logs each failure (entry, status, error; never a value) and still starts and loads the rest', async () => {
    const a = await start('secret:no/such, secret:app/rotated, bogus:entry, ssm:/app/url');
    expect(await a.agent.prefetched).toEqual({ loaded: 2, failed: 1 });
    expect((await a.get('/ping')).status).toBe(200);
    const lines = logLines(a);
    expect(lines.filter((line) => line.msg === 'prefetch failed')).toEqual([
      expect.objectContaining({
        level: 'warn',
        entry: 'secret:no/such',
        status: 404,
        error: 'ResourceNotFoundException',
        type: 'ResourceNotFoundException',
      }),
    ]);
    expect(lines.find((line) => line.msg === 'prefetched')).toMatchObject({ level: 'info', loaded: 2, failed: 1 });
    expect(a.logs.join('')).not.toContain("'bogus:entry'");
    for (const value of SECRET_VALUES) expect(a.logs.join('\n')).not.toContain(value);
  });

  it('is not fatal when AWS cannot be reached at all', async () => {
    const t = await shared.startAgent(
      { PARAMKIT_AGENT_PREFETCH: 'secret:app/db,ssm:/app/url' },
      { endpoint: 'http://127.0.0.1:9' },
    );
    expect(await t.agent.prefetched).toEqual({ loaded: 0, failed: 2 });
    const failures = logLines(t).filter((line) => line.msg === 'prefetch failed');
    expect(failures.map((line) => [line.entry, line.status, line.type])).toEqual([
      ['secret:app/db', 502, 'UpstreamUnreachable'],
      ['ssm:/app/url', 502, 'UpstreamUnreachable'],
    ]);
    expect(String(failures[0]?.message)).toMatch(/127\.0\.0\.1:9 cannot be reached: ECONNREFUSED/);
    expect((await t.get('/ping')).status).toBe(200);
  });
});

describe('prefetch by tag (secret-tag:)', () => {
  const tagged = (count: number, prefix: string, tags: Record<string, string>) =>
    Array.from({ length: count }, (_, index) => ({
      name: `${prefix}/${String(index).padStart(3, '0')}`,
      value: `sv-tagged-${prefix}-${index}`,
      tags,
    }));
  /** Whether the agent answers a read of `id` from its cache, without a promise; a miss is waited for (it calls AWS). */
  const isHit = async (a: TestAgent, id: string) => {
    const answer = a.agent.handler({
      method: 'GET',
      url: `/secretsmanager/get?secretId=${id}`,
      headers: { [TOKEN_HEADER]: TOKEN },
    });
    if (!(answer instanceof Promise)) return true;
    await answer;
    return false;
  };

  it('loads every secret whose tag matches exactly (not by prefix, as ListSecrets filters), cached under its name', async () => {
    shared.emulator.load({
      secretsmanager: {
        secrets: [
          ...tagged(2, 'prod', { env: 'prod', team: 'pay' }),
          ...tagged(1, 'staging', { env: 'staging', team: 'pay' }),
          // Prefixes of what is asked for: ListSecrets' tag filters match them; the agent must not load them.
          ...tagged(1, 'environment', { environment: 'prod' }),
          ...tagged(1, 'production', { env: 'production' }),
        ],
      },
    });
    const a = await start('secret-tag:env?value=prod');
    expect(await a.agent.prefetched).toEqual({ loaded: 1, failed: 0 });
    expect(shared.emulator.requests.snapshot()).toEqual({ ListSecrets: 1, BatchGetSecretValue: 1 });
    expect(await isHit(a, 'prod/000')).toBe(true);
    expect(await isHit(a, 'prod/001')).toBe(true);
    const answer = await a.get('/secretsmanager/get?secretId=prod/001');
    expect(((await answer.json()) as { SecretString: string }).SecretString).toBe('sv-tagged-prod-1');
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(0);
    // Each of these is a read of its own (a miss).
    for (const id of ['staging/000', 'environment/000', 'production/000']) expect(await isHit(a, id), id).toBe(false);
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(3);
    for (const value of ['sv-tagged-prod-0', 'sv-tagged-prod-1']) expect(a.logs.join('\n')).not.toContain(value);

    // Without a value: every secret with the key, whatever its value.
    const b = await start('secret-tag:team');
    expect(await b.agent.prefetched).toEqual({ loaded: 1, failed: 0 });
    for (const id of ['prod/000', 'prod/001', 'staging/000']) expect(await isHit(b, id), id).toBe(true);
    expect(await isHit(b, 'environment/000')).toBe(false);
  });

  it('pages through ListSecrets, reads 20 a call, and stops at the cache size with a warning', async () => {
    shared.emulator.load({ secretsmanager: { secrets: tagged(130, 'bulk', { fleet: 'blue' }) } });
    const a = await start('secret-tag:fleet?value=blue');
    expect(await a.agent.prefetched).toEqual({ loaded: 1, failed: 0 });
    expect(shared.emulator.requests.snapshot()).toEqual({ ListSecrets: 2, BatchGetSecretValue: 7 });
    const ids = Array.from({ length: 130 }, (_, index) => `bulk/${String(index).padStart(3, '0')}`);
    for (const id of ids) expect(await isHit(a, id), id).toBe(true);

    shared.emulator.requests.reset();
    const small = await shared.startAgent({
      PARAMKIT_AGENT_PREFETCH: 'secret-tag:fleet',
      PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: '50',
      PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug',
    });
    expect(await small.agent.prefetched).toEqual({ loaded: 1, failed: 0 });
    expect(shared.emulator.requests.snapshot()).toEqual({ ListSecrets: 1, BatchGetSecretValue: 3 });
    expect(logLines(small).find((line) => String(line.msg).startsWith('prefetch truncated'))).toMatchObject({
      level: 'warn',
      entry: 'secret-tag:fleet',
      loaded: 50,
    });
  });

  it('finds tags ListSecrets cannot filter on (any Unicode letter, an empty value) by checking every tag itself', async () => {
    shared.emulator.load({
      secretsmanager: {
        secrets: [
          ...tagged(1, 'unicode', { équipe: 'café' }),
          ...tagged(1, 'ascii', { equipe: 'cafe' }),
          ...tagged(1, 'empty', { env: '' }),
        ],
      },
    });
    const a = await start('secret-tag:%C3%A9quipe?value=caf%C3%A9, secret-tag:env?value=');
    expect(await a.agent.prefetched).toEqual({ loaded: 2, failed: 0 });
    expect(await isHit(a, 'unicode/000')).toBe(true);
    expect(await isHit(a, 'empty/000')).toBe(true);
    // `env` with any other value, and the ASCII look-alike, are not what was asked for.
    expect(await isHit(a, 'ascii/000')).toBe(false);
    expect(await isHit(a, 'app/db')).toBe(false);
  });

  it('reads nothing when the secret cache stores nothing', async () => {
    const a = await shared.startAgent({
      PARAMKIT_AGENT_PREFETCH: 'secret-tag:env',
      PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'false',
      PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'info',
    });
    expect(await a.agent.prefetched).toEqual({ loaded: 1, failed: 0 });
    expect(shared.emulator.requests.snapshot()).toEqual({});
    expect(logLines(a).find((line) => String(line.msg).startsWith('prefetch skipped'))).toMatchObject({
      entry: 'secret-tag:env',
    });
  });

  it('a listing that fails is the entry’s failure, logged; a tag nobody carries loads nothing and is no failure', async () => {
    shared.emulator.faults.add({ service: 'secretsmanager', operation: 'ListSecrets', throttleRate: 1 });
    const a = await start('secret-tag:env');
    expect(await a.agent.prefetched).toEqual({ loaded: 0, failed: 1 });
    const failures = logLines(a).filter((line) => line.msg === 'prefetch failed');
    expect(failures).toEqual([expect.objectContaining({ entry: 'secret-tag:env', error: 'ThrottlingException' })]);

    shared.emulator.faults.clear();
    const b = await start('secret-tag:nobody?value=x');
    expect(await b.agent.prefetched).toEqual({ loaded: 1, failed: 0 });
    expect(shared.emulator.requests.count('BatchGetSecretValue')).toBe(0);
  });

  it('secrets listed but not read are one warning for the entry: a count, the first ids, the error codes', async () => {
    const lines: string[] = [];
    const logger = new Logger('warn', { write: (line: string) => lines.push(line) });
    const failed = Array.from({ length: 12 }, (_, index) => ({
      SecretId: `s/${index}`,
      ErrorCode: index % 2 ? 'AccessDeniedException' : 'DecryptionFailure',
    }));
    const secrets = { readTagged: async () => ({ loaded: 3, failed, truncated: undefined, skipped: false }) };
    const entries = parsePrefetch('secret-tag:team', []);
    const report = await prefetch(entries, { secrets, ssm: {} } as unknown as Parameters<typeof prefetch>[1], logger);
    expect(report).toEqual({ loaded: 0, failed: 1 });
    const warnings = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warnings).toEqual([
      {
        time: expect.any(String),
        level: 'warn',
        msg: 'prefetch failed',
        entry: 'secret-tag:team',
        loaded: 3,
        failed: 12,
        secretIds: failed.slice(0, 10).map((failure) => failure.SecretId),
        errors: ['DecryptionFailure', 'AccessDeniedException'],
      },
    ]);
  });
});

describe('one secret selection, for the routes and the prefetch list', () => {
  const select = (query: string) => secretSelection('app/db', new Query(query, ['versionId', 'versionStage']));

  it('the current version when neither key is given (an empty one counts as absent); both kept when both are', () => {
    expect(select('').version).toBe(CURRENT_VERSION);
    expect(select('versionId=&versionStage=').version).toBe(CURRENT_VERSION);
    expect(secretVersion()).toBe(CURRENT_VERSION);
    expect(secretVersion('', '')).toBe(CURRENT_VERSION);
    expect(select('versionStage=AWSPREVIOUS')).toEqual({
      secretId: 'app/db',
      version: { versionId: undefined, versionStage: 'AWSPREVIOUS' },
    });
    expect(select('versionId=v-1&versionStage=AWSPENDING').version).toEqual({
      versionId: 'v-1',
      versionStage: 'AWSPENDING',
    });
    expect(Object.isFrozen(select('versionId=v-1').version)).toBe(true);
  });

  it('a prefetched version is the entry both route styles hit, without a promise; AWSCURRENT is the plain read', async () => {
    const a = await start('secret:app/rotated?versionStage=AWSPREVIOUS, secret:app/db?versionStage=AWSCURRENT');
    expect(await a.agent.prefetched).toEqual({ loaded: 2, failed: 0 });
    const hit = (url: string) => a.agent.handler({ method: 'GET', url, headers: { [TOKEN_HEADER]: TOKEN } });
    for (const url of [
      '/secretsmanager/get?secretId=app/rotated&versionStage=AWSPREVIOUS',
      '/v1/app%2Frotated?versionStage=AWSPREVIOUS',
      '/secretsmanager/get?secretId=app/db',
      '/v1/app%2Fdb',
    ]) {
      const answer = hit(url);
      expect(answer, url).not.toBeInstanceOf(Promise);
      expect((answer as Awaited<typeof answer>).status).toBe(200);
    }
    const previous = hit('/secretsmanager/get?secretId=app/rotated&versionStage=AWSPREVIOUS') as { body: string };
    expect(JSON.parse(previous.body)).toMatchObject({ SecretString: 'sv-old-1a2b', VersionStages: ['AWSPREVIOUS'] });
    expect(shared.emulator.requests.snapshot()).toEqual({ GetSecretValue: 2 });
  });
});
