import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidListenAddressError } from '../src/config/listen.js';
import { describeConfig, ENV, resolveConfig } from '../src/config/resolveConfig.js';
import { AgentConfigError, TOKEN_VARIABLES_ENV } from '../src/config/token.js';
import { CURRENT_VERSION } from '../src/upstream/secretVersion.js';

const TOKEN = { AWS_SESSION_TOKEN: 'session-token-value' };
const resolve = (env: NodeJS.ProcessEnv) => resolveConfig({ ...TOKEN, ...env });

describe('resolveConfig: defaults', () => {
  it('gives the AWS extension defaults with no variable set', () => {
    const { config, warnings } = resolve({});
    expect(config).toMatchObject({
      port: 2773,
      cacheEnabled: true,
      cacheSize: 1000,
      secretsTtlSeconds: 300,
      ssmTtlSeconds: 300,
      staleIfErrorSeconds: 300,
      logLevel: 'info',
      maxConnections: 3,
      maxInboundRequests: 800,
      secretsTimeoutMs: 0,
      ssmTimeoutMs: 0,
      connectTimeoutMs: 3000,
      idleTimeoutMs: 10_000,
      endpoint: undefined,
      region: undefined,
      listenAddresses: ['127.0.0.1', '::1'],
      prefetch: [],
      refreshAhead: 0.8,
      staleAnswerMs: 250,
      backoffMs: 1000,
      backoffMaxMs: 60_000,
      token: 'session-token-value',
      tokenSource: 'AWS_SESSION_TOKEN',
    });
    expect(warnings).toEqual([]);
  });

  it('treats empty and blank values as unset', () => {
    const { config, warnings } = resolve({ [ENV.cacheSize]: '', [ENV.logLevel]: '  ', [ENV.cacheEnabled]: '' });
    expect(config.cacheSize).toBe(1000);
    expect(config.logLevel).toBe('info');
    expect(warnings).toEqual([]);
  });
});

describe('resolveConfig: integer variables', () => {
  const cases: [string, keyof ReturnType<typeof resolve>['config'], number, number, number][] = [
    // variable, field, min, max, default
    [ENV.cacheSize, 'cacheSize', 0, 1000, 1000],
    [ENV.secretsTtl, 'secretsTtlSeconds', 0, 300, 300],
    [ENV.ssmTtl, 'ssmTtlSeconds', 0, 300, 300],
    [ENV.maxConnections, 'maxConnections', 1, Number.MAX_SAFE_INTEGER, 3],
    [ENV.maxInboundRequests, 'maxInboundRequests', 1, 10_000, 800],
    [ENV.secretsTimeout, 'secretsTimeoutMs', 0, 2 ** 31 - 1, 0],
    [ENV.ssmTimeout, 'ssmTimeoutMs', 0, 2 ** 31 - 1, 0],
    [ENV.connectTimeout, 'connectTimeoutMs', 1, 900_000, 3000],
    [ENV.idleTimeout, 'idleTimeoutMs', 1, 900_000, 10_000],
    [ENV.staleIfError, 'staleIfErrorSeconds', 0, 3600, 300],
    [ENV.staleAnswer, 'staleAnswerMs', 0, 900_000, 250],
    [ENV.backoff, 'backoffMs', 0, 60_000, 1000],
  ];

  it.each(cases)(
    '%s: takes values in range, clamps others with a warning, ignores non-integers',
    (name, field, min, max, fallback) => {
      expect(resolve({ [name]: String(min) }).config[field]).toBe(min);
      expect(resolve({ [name]: ` ${max} ` }).config[field]).toBe(max);

      const above = resolve({ [name]: String(max + 1) });
      expect(above.config[field]).toBe(max);
      expect(above.warnings).toEqual([`${name}: ${max + 1} is outside ${min}–${max}; using ${max}`]);

      const below = resolve({ [name]: String(min - 1) });
      expect(below.config[field]).toBe(min);
      expect(below.warnings[0]).toContain(`using ${min}`);

      for (const invalid of ['abc', '1.5', '10s', '0x10']) {
        const result = resolve({ [name]: invalid });
        expect(result.config[field]).toBe(fallback);
        expect(result.warnings).toEqual([`${name}: '${invalid}' is not an integer; using the default ${fallback}`]);
      }
    },
  );

  it('MAX_CONNECTIONS and *_TIMEOUT_MILLIS: no maximum, as AWS documents, but what Node.js can take', () => {
    // AWS: MAX_CONNECTIONS "Minimum of 1; No maximum limit", *_TIMEOUT_MILLIS "All whole numbers".
    const { config, warnings } = resolve({
      [ENV.maxConnections]: '5000',
      [ENV.secretsTimeout]: '3600000',
      [ENV.ssmTimeout]: '86400000',
    });
    expect([config.maxConnections, config.secretsTimeoutMs, config.ssmTimeoutMs]).toEqual([
      5000, 3_600_000, 86_400_000,
    ]);
    expect(warnings).toEqual([]);
    // A timer longer than 2^31 - 1 ms would fire at once: such a deadline is clamped to the longest timer.
    const long = resolve({ [ENV.secretsTimeout]: '99999999999', [ENV.maxConnections]: '9'.repeat(400) });
    expect([long.config.secretsTimeoutMs, long.config.maxConnections]).toEqual([2 ** 31 - 1, Number.MAX_SAFE_INTEGER]);
    expect(long.warnings).toHaveLength(2);
  });

  it('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: a port out of range falls back to 2773 rather than being clamped', () => {
    expect(resolve({ [ENV.port]: '8080' }).config.port).toBe(8080);
    const result = resolve({ [ENV.port]: '70000' });
    expect(result.config.port).toBe(2773);
    expect(result.warnings[0]).toContain('using the default 2773');
    expect(resolve({ [ENV.port]: '0' }).config.port).toBe(2773);
    expect(resolveConfig(TOKEN, { port: 0 }).config.port).toBe(0);
  });
});

describe('resolveConfig: other variables', () => {
  it('PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: TRUE or FALSE in any case, else the default with a warning', () => {
    expect(resolve({ [ENV.cacheEnabled]: 'FALSE' }).config.cacheEnabled).toBe(false);
    expect(resolve({ [ENV.cacheEnabled]: 'true' }).config.cacheEnabled).toBe(true);
    const result = resolve({ [ENV.cacheEnabled]: 'nope' });
    expect(result.config.cacheEnabled).toBe(true);
    expect(result.warnings[0]).toMatch(/CACHE_ENABLED: 'nope' is not TRUE or FALSE/);
  });

  it('PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: debug, info, warn, error, none in any case, else info', () => {
    for (const level of ['debug', 'info', 'warn', 'error', 'none'] as const) {
      expect(resolve({ [ENV.logLevel]: level.toUpperCase() }).config.logLevel).toBe(level);
    }
    const result = resolve({ [ENV.logLevel]: 'verbose' });
    expect(result.config.logLevel).toBe('info');
    expect(result.warnings).toHaveLength(1);
  });

  it('takes the endpoint from --endpoint before AWS_ENDPOINT_URL, and the region from AWS_REGION', () => {
    expect(resolve({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }).config.endpoint).toBe('http://127.0.0.1:1');
    const overridden = resolveConfig({ ...TOKEN, AWS_ENDPOINT_URL: 'http://a' }, { endpoint: 'http://b' });
    expect(overridden.config.endpoint).toBe('http://b');
    expect(resolve({ AWS_DEFAULT_REGION: 'eu-west-1' }).config.region).toBe('eu-west-1');
    expect(resolve({ AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'eu-west-1' }).config.region).toBe('eu-central-1');
  });

  it('collects one warning per bad variable', () => {
    const { warnings } = resolve({ [ENV.cacheSize]: '5000', [ENV.ssmTtl]: '-1', [ENV.logLevel]: 'loud' });
    expect(warnings).toHaveLength(3);
  });
});

describe('resolveConfig: token sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paramkit-agent-token-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('outside Lambda, takes the first of AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN', () => {
    const all = { AWS_TOKEN: 'a', AWS_SESSION_TOKEN: 'b', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'c' };
    expect(resolveConfig(all).config).toMatchObject({ token: 'a', tokenSource: 'AWS_TOKEN' });
    expect(resolveConfig({ ...all, AWS_TOKEN: '' }).config.token).toBe('b');
    expect(resolveConfig({ AWS_CONTAINER_AUTHORIZATION_TOKEN: 'c' }).config.token).toBe('c');
  });

  it('in Lambda, takes AWS_SESSION_TOKEN first: the AWS extension requires it, and AWS samples send it', () => {
    const all = { AWS_TOKEN: 'a', AWS_SESSION_TOKEN: 'b', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'c' };
    for (const lambda of [{ AWS_LAMBDA_FUNCTION_NAME: 'fn' }, { AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001' }]) {
      expect(resolveConfig({ ...all, ...lambda }).config).toMatchObject({
        token: 'b',
        tokenSource: 'AWS_SESSION_TOKEN',
      });
      expect(resolveConfig({ ...all, ...lambda, AWS_SESSION_TOKEN: '' }).config.token).toBe('a');
      expect(() => resolveConfig(lambda)).toThrow(
        /set one of AWS_SESSION_TOKEN, AWS_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN/,
      );
    }
    // Empty Lambda variables are not Lambda; a list named by PARAMKIT_AGENT_TOKEN_VARIABLES still wins.
    expect(resolveConfig({ ...all, AWS_LAMBDA_FUNCTION_NAME: '' }).config.token).toBe('a');
    const custom = { ...all, AWS_LAMBDA_FUNCTION_NAME: 'fn', [TOKEN_VARIABLES_ENV]: 'AWS_TOKEN' };
    expect(resolveConfig(custom).config.token).toBe('a');
  });

  it('reads file://<path> values from the file, trimmed', () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'from-file-token\n');
    const { config } = resolveConfig({ AWS_TOKEN: `file://${file}` });
    expect(config.token).toBe('from-file-token');
    expect(config.tokenSource).toBe(`AWS_TOKEN (file ${file})`);
  });

  it('refuses to start without a token, or with an unreadable or empty token file, naming no value', () => {
    expect(() => resolveConfig({})).toThrow(AgentConfigError);
    expect(() => resolveConfig({})).toThrow(/AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN/);
    expect(() => resolveConfig({ AWS_TOKEN: `file://${join(dir, 'missing')}` })).toThrow(
      /Cannot read the token file .*ENOENT/,
    );
    const empty = join(dir, 'empty');
    writeFileSync(empty, '  \n');
    expect(() => resolveConfig({ AWS_TOKEN: `file://${empty}` })).toThrow(/is empty/);
  });

  it('searches the variables named by PARAMKIT_AGENT_TOKEN_VARIABLES instead', () => {
    const env = { [TOKEN_VARIABLES_ENV]: 'MY_TOKEN, OTHER', OTHER: 'other', AWS_SESSION_TOKEN: 'ignored' };
    expect(resolveConfig(env).config).toMatchObject({ token: 'other', tokenSource: 'OTHER' });
    expect(() => resolveConfig({ [TOKEN_VARIABLES_ENV]: 'MY_TOKEN', AWS_SESSION_TOKEN: 'x' })).toThrow(
      /set one of MY_TOKEN/,
    );
  });

  it('describeConfig leaves the token out', () => {
    const described = describeConfig(resolve({}).config);
    expect(described).not.toHaveProperty('token');
    expect(JSON.stringify(described)).not.toContain('session-token-value');
    expect(described.tokenSource).toBe('AWS_SESSION_TOKEN');
  });
});

describe('resolveConfig: paramkit TTLs past the AWS cap', () => {
  it('PARAMKIT_AGENT_SECRETS_TTL_SECONDS / _SSM_TTL_SECONDS take 0–3600 and win over the AWS variables', () => {
    const { config, warnings } = resolve({
      [ENV.secretsTtlLong]: '3600',
      [ENV.ssmTtlLong]: '900',
      [ENV.secretsTtl]: '60',
    });
    expect(config).toMatchObject({ secretsTtlSeconds: 3600, ssmTtlSeconds: 900 });
    expect(warnings).toEqual([]);
    expect(resolve({ [ENV.secretsTtlLong]: '0' }).config.secretsTtlSeconds).toBe(0);
  });

  it('clamps them at 3600 with a warning, and falls back to the AWS variable when unset or invalid', () => {
    const above = resolve({ [ENV.secretsTtlLong]: '86400' });
    expect(above.config.secretsTtlSeconds).toBe(3600);
    expect(above.warnings).toEqual([`${ENV.secretsTtlLong}: 86400 is outside 0–3600; using 3600`]);
    expect(resolve({ [ENV.ssmTtl]: '120' }).config.ssmTtlSeconds).toBe(120);
    const invalid = resolve({ [ENV.ssmTtl]: '120', [ENV.ssmTtlLong]: '1h' });
    expect(invalid.config.ssmTtlSeconds).toBe(120);
    expect(invalid.warnings).toEqual([`${ENV.ssmTtlLong}: '1h' is not an integer; using the default 120`]);
  });

  it('leaves the AWS variables at their documented 0–300 cap, with the clamp warning', () => {
    const { config, warnings } = resolve({ [ENV.secretsTtl]: '900' });
    expect(config.secretsTtlSeconds).toBe(300);
    expect(warnings).toEqual([`${ENV.secretsTtl}: 900 is outside 0–300; using 300`]);
  });
});

describe('resolveConfig: listen addresses', () => {
  it('defaults to both loopback addresses', () => {
    expect(resolve({}).config.listenAddresses).toEqual(['127.0.0.1', '::1']);
    expect(resolve({ [ENV.listenAddress]: ' ' }).config.listenAddresses).toEqual(['127.0.0.1', '::1']);
  });

  it('takes IP addresses, comma-separated, IPv6 with or without brackets; --listen wins', () => {
    expect(resolve({ [ENV.listenAddress]: '0.0.0.0' }).config.listenAddresses).toEqual(['0.0.0.0']);
    expect(resolve({ [ENV.listenAddress]: '10.0.0.5, [::], 10.0.0.5' }).config.listenAddresses).toEqual([
      '10.0.0.5',
      '::',
    ]);
    const flag = resolveConfig({ ...TOKEN, [ENV.listenAddress]: '0.0.0.0' }, { listen: '::1' });
    expect(flag.config.listenAddresses).toEqual(['::1']);
  });

  it.each([
    ['localhost', "'localhost' is not an IP address"],
    ['0.0.0.0:2773', "'0.0.0.0:2773' is not an IP address (give the port apart)"],
    ['999.1.1.1', "'999.1.1.1' is not an IP address"],
    ['127.0.0.1,,::1', 'it has an empty entry'],
    [',', 'it is empty'],
    ['http://0.0.0.0', "'http://0.0.0.0' is not an IP address"],
  ])('refuses %j with exit code 2, quoting the value', (value, reason) => {
    const attempt = () => resolve({ [ENV.listenAddress]: value });
    expect(attempt).toThrow(InvalidListenAddressError);
    expect(attempt).toThrow(`${ENV.listenAddress} '${value}' is not a usable listen address: ${reason}`);
    try {
      attempt();
    } catch (error) {
      expect((error as AgentConfigError).exitCode).toBe(2);
    }
    expect(() => resolveConfig(TOKEN, { listen: value })).toThrow(`--listen '${value}'`);
  });
});

describe('resolveConfig: prefetch list', () => {
  it('reads secret:, ssm: and ssm-path: entries with their routes’ query keys, split by commas or white space', () => {
    const { config, warnings } = resolve({
      [ENV.prefetch]:
        'secret:app/db, secret:arn:aws:secretsmanager:us-east-1:1:secret:x-AbCdEf?versionStage=AWSPREVIOUS\n' +
        'ssm:/app/url ssm:/app/secure?withDecryption=true&version=3,ssm-path:/tree?recursive=true,secret:app/db',
    });
    expect(warnings).toEqual([]);
    expect(config.prefetch).toEqual([
      { kind: 'secret', entry: 'secret:app/db', secretId: 'app/db', version: CURRENT_VERSION },
      {
        kind: 'secret',
        entry: 'secret:arn:aws:secretsmanager:us-east-1:1:secret:x-AbCdEf?versionStage=AWSPREVIOUS',
        secretId: 'arn:aws:secretsmanager:us-east-1:1:secret:x-AbCdEf',
        version: { versionId: undefined, versionStage: 'AWSPREVIOUS' },
      },
      { kind: 'ssm', entry: 'ssm:/app/url', name: '/app/url', decrypt: false },
      {
        kind: 'ssm',
        entry: 'ssm:/app/secure?withDecryption=true&version=3',
        name: '/app/secure:3',
        decrypt: true,
      },
      { kind: 'ssm-path', entry: 'ssm-path:/tree?recursive=true', path: '/tree', recursive: true, decrypt: false },
    ]);
  });

  it('leaves malformed entries out, one warning each naming the entry, and keeps the others', () => {
    const { config, warnings } = resolve({
      [ENV.prefetch]: 'secrets:app/db, secret:, ssm:/a?version=0, ssm:/a?nope=1, ssm:/ok, ssm:/b?label=x&version=1',
    });
    // Both selectors: the first is used, as by the request with the same keys. An unknown key is a typo here.
    expect(config.prefetch.map((entry) => [entry.entry, 'name' in entry ? entry.name : ''])).toEqual([
      ['ssm:/ok', '/ok'],
      ['ssm:/b?label=x&version=1', '/b:x'],
    ]);
    expect(warnings).toEqual([
      "PARAMKIT_AGENT_PREFETCH: 'secrets:app/db' does not start with secret:, secret-tag:, ssm: or ssm-path:; not prefetched",
      "PARAMKIT_AGENT_PREFETCH: 'secret:' has no secret id; not prefetched",
      "PARAMKIT_AGENT_PREFETCH: 'ssm:/a?version=0' is not valid: Query parameter 'version' must be a positive integer; not prefetched",
      "PARAMKIT_AGENT_PREFETCH: 'ssm:/a?nope=1' is not valid: Unknown query parameter 'nope'; accepted: version, label, withDecryption; not prefetched",
    ]);
  });
});

describe('resolveConfig: prefetch by tag', () => {
  it('secret-tag:<key>[?value=<value>]: the key percent-decoded (a space is %20), any value unless one is given', () => {
    const { config, warnings } = resolve({
      [ENV.prefetch]:
        'secret-tag:team, secret-tag:cost%20center?value=R%26D, secret-tag:env?value=, secret-tag:, secret-tag:a?stage=x, secret-tag:%zz, secret-tag:!env, secret-tag:env?value=!prod',
    });
    expect(config.prefetch).toEqual([
      { kind: 'secret-tag', entry: 'secret-tag:team', key: 'team', value: undefined },
      { kind: 'secret-tag', entry: 'secret-tag:cost%20center?value=R%26D', key: 'cost center', value: 'R&D' },
      // A tag's value may be empty, and `value=` asks for exactly that.
      { kind: 'secret-tag', entry: 'secret-tag:env?value=', key: 'env', value: '' },
    ]);
    expect(warnings).toEqual([
      "PARAMKIT_AGENT_PREFETCH: 'secret-tag:' has no tag key; not prefetched",
      "PARAMKIT_AGENT_PREFETCH: 'secret-tag:a?stage=x' is not valid: Unknown query parameter 'stage'; accepted: value; not prefetched",
      "PARAMKIT_AGENT_PREFETCH: 'secret-tag:%zz' is not valid: the tag key is not valid URL encoding; not prefetched",
      "PARAMKIT_AGENT_PREFETCH: 'secret-tag:!env' is not valid: a tag key or value cannot hold !; not prefetched",
      "PARAMKIT_AGENT_PREFETCH: 'secret-tag:env?value=!prod' is not valid: a tag key or value cannot hold !; not prefetched",
    ]);
  });
});

describe('resolveConfig: freshness policies', () => {
  it('PARAMKIT_AGENT_REFRESH_AHEAD: off, or a share between 0 and 1; else 0.8 with a warning', () => {
    expect(resolve({ [ENV.refreshAhead]: 'OFF' }).config.refreshAhead).toBeUndefined();
    expect(resolve({ [ENV.refreshAhead]: '0.5' }).config.refreshAhead).toBe(0.5);
    expect(resolve({ [ENV.refreshAhead]: '.95' }).config.refreshAhead).toBe(0.95);
    for (const invalid of ['1', '0', '80%', '1.5', 'true', '-0.5']) {
      const { config, warnings } = resolve({ [ENV.refreshAhead]: invalid });
      expect(config.refreshAhead, invalid).toBe(0.8);
      expect(warnings).toEqual([
        `${ENV.refreshAhead}: '${invalid}' is not off nor a share between 0 and 1 (e.g. 0.8); using 0.8`,
      ]);
    }
  });

  it('PARAMKIT_AGENT_BACKOFF_MAX_MS: at least the first wait', () => {
    expect(resolve({ [ENV.backoffMax]: '5000' }).config.backoffMaxMs).toBe(5000);
    expect(resolve({ [ENV.backoff]: '2000', [ENV.backoffMax]: '500' }).config.backoffMaxMs).toBe(2000);
    const above = resolve({ [ENV.backoffMax]: '99999999' });
    expect(above.config.backoffMaxMs).toBe(3_600_000);
    expect(above.warnings).toHaveLength(1);
  });
});
