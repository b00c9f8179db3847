import { describe, expect, it } from 'vitest';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import { useTestEmulator } from './helpers/emulator.js';

const ids = Array.from({ length: 12 }, (_, i) => String(i).padStart(2, '0'));
const ctx = useTestEmulator({
  ssm: { parameters: ids.map((id) => ({ name: `/pre/${id}`, value: `p${id}` })) },
  secretsmanager: { secrets: ids.map((id) => ({ name: `pre/${id}`, value: `s${id}` })) },
});
const calls = (operation: string) => ctx.emulator.requests.count(operation);

describe('prefetchByName', () => {
  it('SSM: GetParameters ten a call; later gets hit the cache or share the batch', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const prefetched = ssm.prefetchByName(Object.fromEntries(ids.map((id) => [`/pre/${id}`, {}])), { maxAge: 60 });
    expect(await ssm.get('/pre/00', { maxAge: 60 })).toBe('p00'); // joins the batch in flight
    await expect(prefetched).resolves.toBeUndefined();
    for (const id of ids) expect(await ssm.get(`/pre/${id}`, { maxAge: 60 })).toBe(`p${id}`);
    expect(calls('GetParameters')).toBe(2);
    expect(calls('GetParameter')).toBe(0);
  });

  it('Secrets: BatchGetSecretValue; a failure never rejects and surfaces on the read that needs the value', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await expect(secrets.prefetchByName({ 'pre/00': {}, 'pre/01': {}, 'pre/missing': {} })).resolves.toBeUndefined();
    expect(await secrets.get('pre/01')).toBe('s01');
    expect(calls('BatchGetSecretValue')).toBe(1);
    expect(calls('GetSecretValue')).toBe(0);
    await expect(secrets.get('pre/missing')).rejects.toMatchObject({ name: 'GetParameterError' });
    ctx.emulator.faults.add({ operation: 'BatchGetSecretValue', throttleRate: 1, times: 1 });
    await expect(secrets.prefetchByName({ 'pre/05': {} })).resolves.toBeUndefined();
    await expect(secrets.get('pre/05')).rejects.toMatchObject({ name: 'GetParameterError' }); // backing off
    expect(calls('GetSecretValue')).toBe(1);
  });
});
