import { describe, expect, it } from 'vitest';
import { AppConfigProvider } from '../src/appconfig/index.js';
import { GetParameterError, ParameterNotFoundError } from '../src/errors.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import { useTestEmulator } from './helpers/emulator.js';

// Reads of a missing value that share one request (coalesced gets, a get joining a batch) each get what their own
// `throwOnMissing` asks for, as they would reading one after the other in Powertools: ParameterNotFoundError with
// it, GetParameterError with the SDK's not-found error as cause without it.

const ctx = useTestEmulator({
  ssm: {
    parameters: [
      { name: '/app/url', value: 'u1' },
      { name: '/app/nothing.json', value: 'null' },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'app/token', value: 't1' },
      { name: 'app/nothing', value: 'null' },
    ],
  },
  appconfig: {
    applications: [{ name: 'shop', environments: [{ name: 'prod', profiles: [{ name: 'flags', content: {} }] }] }],
  },
});

const calls = (operation: string) => ctx.emulator.requests.count(operation);

/** How a read ended, as the drop-in tests describe it. */
async function outcome(read: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    return { value: await read };
  } catch (error) {
    const { name, message, cause } = error as Error & { cause?: { name?: string } };
    return { error: name, message, cause: cause?.name };
  }
}

const notFound = (name: string) => ({
  error: 'ParameterNotFoundError',
  message: `Parameter ${name} not found in the store`,
  cause: undefined,
});

describe('a get that joins a getParametersByName in flight', () => {
  it('rejects for a missing name as its own GetParameter would have, with or without throwOnMissing', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const batch = outcome(ssm.getParametersByName({ '/app/url': {}, '/app/missing': {} }));
    const strict = outcome(ssm.get('/app/missing', { throwOnMissing: true }));
    const lenient = ssm.get('/app/missing');
    const joined = await outcome(ssm.get('/app/url'));

    expect(await strict).toEqual(notFound('/app/missing'));
    await expect(lenient).rejects.toBeInstanceOf(GetParameterError);
    await expect(lenient).rejects.not.toBeInstanceOf(ParameterNotFoundError);
    expect(await outcome(lenient)).toMatchObject({ error: 'GetParameterError', cause: 'ParameterNotFound' });
    expect(joined).toEqual({ value: 'u1' });
    expect(await batch).toEqual({
      error: 'GetParameterError',
      message: 'Failed to fetch parameters: /app/missing',
      cause: undefined,
    });
    // Every get joined the batch's one call.
    expect([calls('GetParameters'), calls('GetParameter')]).toEqual([1, 0]);
    expect(ssm.stats()).toMatchObject({ coalesced: 3 });
  });

  it('lists the missing name in _errors, and a later get asks AWS itself', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const batch = ssm.getParametersByName({ '/app/missing': {} }, { throwOnError: false });
    const joined = outcome(ssm.get('/app/missing', { throwOnMissing: true }));
    expect(await batch).toEqual({ _errors: ['/app/missing'] });
    expect(await joined).toEqual(notFound('/app/missing'));
    expect(await outcome(ssm.get('/app/missing', { throwOnMissing: true }))).toEqual(notFound('/app/missing'));
    expect([calls('GetParameters'), calls('GetParameter')]).toEqual([1, 1]);
  });
});

describe('a getParametersByName that joins a get in flight', () => {
  it('counts a name the get found missing as missing, as its own call would have', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const single = outcome(ssm.get('/app/missing'));
    const strict = outcome(ssm.getParametersByName({ '/app/missing': {} }));
    const graceful = ssm.getParametersByName({ '/app/missing': {}, '/app/url': {} }, { throwOnError: false });
    expect(await single).toMatchObject({ error: 'GetParameterError', cause: 'ParameterNotFound' });
    expect(await strict).toMatchObject({
      error: 'GetParameterError',
      message: 'Failed to fetch parameters: /app/missing',
    });
    expect(await graceful).toEqual({ '/app/url': 'u1', _errors: ['/app/missing'] });
    expect(calls('GetParameter')).toBe(1);
  });
});

describe('overlapping gets of a missing value with different throwOnMissing', () => {
  it('SSM: each gets its own error class, from one GetParameter call, in either order', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    for (const strictFirst of [true, false]) {
      ssm.clearCache();
      const strict = () => outcome(ssm.get('/app/missing', { throwOnMissing: true }));
      const lenient = () => outcome(ssm.get('/app/missing'));
      const [a, b] = strictFirst ? [strict(), lenient()] : [lenient(), strict()];
      const [strictOutcome, lenientOutcome] = strictFirst ? [await a, await b] : [await b, await a];
      expect(strictOutcome).toEqual(notFound('/app/missing'));
      expect(lenientOutcome).toMatchObject({ error: 'GetParameterError', cause: 'ParameterNotFound' });
    }
    expect(calls('GetParameter')).toBe(2);
  });

  it('Secrets Manager: each gets its own error class from one GetSecretValue call', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const lenient = outcome(secrets.get('app/missing'));
    const strict = outcome(secrets.get('app/missing', { throwOnMissing: true }));
    expect(await strict).toEqual(notFound('app/missing'));
    expect(await lenient).toMatchObject({ error: 'GetParameterError', cause: 'ResourceNotFoundException' });
    expect(calls('GetSecretValue')).toBe(1);
  });

  it('AppConfig: ParameterNotFoundError names where the profile was looked for; without throwOnMissing the SDK error', async () => {
    const appConfig = new AppConfigProvider({
      application: 'shop',
      environment: 'prod',
      clientConfig: ctx.clientConfig,
    });
    const lenient = outcome(appConfig.get('nope'));
    const strict = outcome(appConfig.get('nope', { throwOnMissing: true }));
    expect(await strict).toEqual({
      error: 'ParameterNotFoundError',
      message: 'Configuration profile nope not found in shop/prod',
      cause: 'ResourceNotFoundException',
    });
    expect(await lenient).toMatchObject({ error: 'GetParameterError', cause: 'ResourceNotFoundException' });
  });
});

describe('a stored JSON null with throwOnMissing', () => {
  it('is the value null, not a missing value, as in Powertools (which checks before the transform)', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    expect(await ssm.get('/app/nothing.json', { transform: 'json', throwOnMissing: true })).toBeNull();
    expect(await secrets.get('app/nothing', { transform: 'json', throwOnMissing: true })).toBeNull();
    // and the same from the cache, once held
    expect(await ssm.get('/app/nothing.json', { transform: 'json', throwOnMissing: true })).toBeNull();
    expect(calls('GetParameter')).toBe(1);
    expect(await outcome(ssm.get('/app/gone', { transform: 'json', throwOnMissing: true }))).toEqual(
      notFound('/app/gone'),
    );
  });
});
