import { BadRequestException, ResourceNotFoundException } from '@aws-sdk/client-appconfigdata';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppConfigHarness, SHOP_SEED, startAppConfig, text } from './support/appConfigData.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let h: AppConfigHarness;

beforeEach(async () => {
  h = await startAppConfig();
  h.service.load(SHOP_SEED);
});

afterEach(async () => {
  await h.stop();
});

describe('AppConfigData through the AWS SDK', () => {
  it('serves the deployed configuration with its headers on the first poll', async () => {
    const first = await h.poll(await h.start());
    expect(JSON.parse(text(first))).toEqual({ beta: true });
    expect(first.Configuration).toBeInstanceOf(Uint8Array);
    expect(first.ContentType).toBe('application/json');
    expect(first.VersionLabel).toBe('v1');
    expect(first.NextPollIntervalInSeconds).toBe(60);
    expect(first.NextPollConfigurationToken).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('keeps a copy of deployed bytes: a Buffer the test reuses afterwards does not change what is served', async () => {
    const bytes = Buffer.from('AAAA');
    h.service.deploy({ application: 'shop', environment: 'prod', profile: 'blob', content: bytes });
    bytes.fill(0x42);
    expect(text(await h.poll(await h.start({ profile: 'blob' })))).toBe('AAAA');
  });

  it('serves text and YAML with their content types, and the seeded poll interval', async () => {
    const motd = await h.poll(await h.start({ profile: 'motd' }));
    expect(text(motd)).toBe('hello');
    expect(motd.ContentType).toBe('text/plain');
    expect(motd.VersionLabel).toBeUndefined();
    const settings = await h.poll(await h.start({ profile: 'settings' }));
    expect(text(settings)).toBe('retries: 3\n');
    expect(settings.ContentType).toBe('application/x-yaml');
    expect(settings.NextPollIntervalInSeconds).toBe(30);
  });

  it('answers later polls with an empty body until a new deployment, then with the new content', async () => {
    const first = await h.poll(await h.start());
    h.advance(MINUTE);
    const second = await h.poll(first.NextPollConfigurationToken ?? '');
    expect(second.Configuration?.length ?? 0).toBe(0);
    expect(second.NextPollConfigurationToken).not.toBe(first.NextPollConfigurationToken);

    expect(
      h.service.deploy({ application: 'shop', environment: 'prod', profile: 'flags', content: { beta: false } }),
    ).toBe(2);
    h.advance(MINUTE);
    const third = await h.poll(second.NextPollConfigurationToken ?? '');
    expect(JSON.parse(text(third))).toEqual({ beta: false });
    expect(third.VersionLabel).toBeUndefined();
    h.advance(MINUTE);
    expect((await h.poll(third.NextPollConfigurationToken ?? '')).Configuration?.length ?? 0).toBe(0);
  });

  it('tracks what each session has seen separately', async () => {
    const a = await h.poll(await h.start());
    const b = await h.start();
    expect(JSON.parse(text(a))).toEqual({ beta: true });
    expect(JSON.parse(text(await h.poll(b)))).toEqual({ beta: true });
  });

  it('accepts ids as identifiers', async () => {
    const ids = h.service.ids('shop', 'prod', 'flags');
    expect(ids?.applicationId).toMatch(/^[a-z0-9]{7}$/);
    const token = await h.start({ app: ids?.applicationId, env: ids?.environmentId, profile: ids?.profileId });
    expect(JSON.parse(text(await h.poll(token)))).toEqual({ beta: true });
  });

  it('uses RequiredMinimumPollIntervalInSeconds as the poll interval', async () => {
    const first = await h.poll(await h.start({}, 15));
    expect(first.NextPollIntervalInSeconds).toBe(15);
    h.advance(15_000);
    expect((await h.poll(first.NextPollConfigurationToken ?? '')).NextPollIntervalInSeconds).toBe(15);
  });

  it('serves bytes deployed as a Uint8Array unchanged', async () => {
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    h.service.deploy({ application: 'shop', environment: 'prod', profile: 'blob', content: bytes });
    const output = await h.poll(await h.start({ profile: 'blob' }));
    expect(new Uint8Array(output.Configuration ?? [])).toEqual(bytes);
    expect(output.ContentType).toBe('application/octet-stream');
  });

  it('counts both operations', async () => {
    await h.poll(await h.start());
    expect(h.core.requests.snapshot()).toEqual({ StartConfigurationSession: 1, GetLatestConfiguration: 1 });
  });
});

describe('configuration tokens', () => {
  async function badRequest(promise: Promise<unknown>): Promise<BadRequestException> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadRequestException);
    return error as BadRequestException;
  }

  it('are single-use', async () => {
    const token = await h.start();
    await h.poll(token);
    h.advance(MINUTE);
    const error = await badRequest(h.poll(token));
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.Reason).toBe('InvalidParameters');
    expect(error.Details).toEqual({ InvalidParameters: { ConfigurationToken: { Problem: 'Expired' } } });
  });

  it('expire 24 hours after they were issued', async () => {
    const token = await h.start();
    h.advance(DAY - 1);
    const first = await h.poll(token);
    h.advance(DAY);
    const error = await badRequest(h.poll(first.NextPollConfigurationToken ?? ''));
    expect(error.message).toMatch(/expired/);
    expect(error.Details).toEqual({ InvalidParameters: { ConfigurationToken: { Problem: 'Expired' } } });
  });

  it('are still recognised as expired once swept from memory', async () => {
    const token = await h.start();
    h.advance(2 * DAY);
    await h.start(); // issuing a token sweeps expired ones
    const error = await badRequest(h.poll(token));
    expect(error.Details).toEqual({ InvalidParameters: { ConfigurationToken: { Problem: 'Expired' } } });
  });

  it('refuses polls before the poll interval has passed, leaving the token usable', async () => {
    const first = await h.poll(await h.start());
    const next = first.NextPollConfigurationToken ?? '';
    h.advance(MINUTE - 1);
    const error = await badRequest(h.poll(next));
    expect(error.message).toBe('Request too early');
    expect(error.Details).toEqual({
      InvalidParameters: { ConfigurationToken: { Problem: 'PollIntervalNotSatisfied' } },
    });
    h.advance(1);
    expect((await h.poll(next)).Configuration?.length ?? 0).toBe(0);
  });

  it('may be polled early when enforcement is switched off', async () => {
    h.service.enforcePollInterval = false;
    const first = await h.poll(await h.start());
    expect((await h.poll(first.NextPollConfigurationToken ?? '')).Configuration?.length ?? 0).toBe(0);
  });

  it('that are malformed, or unknown after a reset, are corrupted', async () => {
    let error = await badRequest(h.poll('not-a-token'));
    expect(error.Details).toEqual({ InvalidParameters: { ConfigurationToken: { Problem: 'Corrupted' } } });
    const token = await h.start();
    h.service.reset();
    error = await badRequest(h.poll(token));
    expect(error.Details).toEqual({ InvalidParameters: { ConfigurationToken: { Problem: 'Corrupted' } } });
  });

  it('are required', async () => {
    const error = await badRequest(h.poll(''));
    expect(error.message).toMatch(/configurationToken/);
  });

  it('must match the model pattern \\S{1,8192}, or the request fails validation before any token is looked at', async () => {
    for (const token of ['a b', 'a\tb', 'a'.repeat(8193)]) {
      const error = await badRequest(h.poll(token));
      expect(error.message, token.slice(0, 10)).toBe(
        `1 validation error detected: Value '${token}' at 'configurationToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S{1,8192}`,
      );
      expect(error.Reason).toBeUndefined();
    }
    // 8192 characters fit the pattern: such a token is merely not one the emulator issued.
    const error = await badRequest(h.poll('a'.repeat(8192)));
    expect(error.Details).toEqual({ InvalidParameters: { ConfigurationToken: { Problem: 'Corrupted' } } });
  });
});

describe('StartConfigurationSession errors', () => {
  async function notFound(ids: Partial<Record<'app' | 'env' | 'profile', string>>) {
    const error = await h.start(ids).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    const e = error as ResourceNotFoundException;
    expect(e.$metadata.httpStatusCode).toBe(404);
    return { type: e.ResourceType, referencedBy: e.ReferencedBy, message: e.message };
  }

  it('reports unknown applications, environments and profiles as ResourceNotFoundException', async () => {
    expect(await notFound({ app: 'nope' })).toEqual({
      type: 'Application',
      referencedBy: { ApplicationIdentifier: 'nope' },
      message: 'Application nope not found.',
    });
    expect((await notFound({ env: 'dev' })).type).toBe('Environment');
    expect((await notFound({ profile: 'missing' })).type).toBe('ConfigurationProfile');
  });

  it('reports a profile not deployed to the environment as a missing Deployment', async () => {
    const result = await notFound({ env: 'staging' });
    expect(result.type).toBe('Deployment');
    expect(result.referencedBy).toEqual({ EnvironmentIdentifier: 'staging', ConfigurationProfileIdentifier: 'flags' });
  });

  it('rejects bad input with BadRequestException', async () => {
    for (const [ids, interval, pattern] of [
      [{ app: '' }, undefined, /applicationIdentifier.*length greater than or equal to 1/],
      [{ env: 'x'.repeat(129) }, undefined, /environmentIdentifier.*less than or equal to 128/],
      [{}, 14, /requiredMinimumPollIntervalInSeconds.*greater than or equal to 15/],
      [{}, 86_401, /less than or equal to 86400/],
    ] as const) {
      const error = await h.start(ids, interval).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as Error).message).toMatch(pattern);
    }
  });

  it('lists every validation error, and rejects malformed JSON', async () => {
    const post = (body: string) =>
      fetch(`${h.endpoint}/configurationsessions`, { method: 'POST', body }).then(async (r) => ({
        status: r.status,
        type: r.headers.get('x-amzn-errortype'),
        body: (await r.json()) as { Message: string },
      }));
    const missing = await post('{}');
    expect(missing.status).toBe(400);
    expect(missing.type).toBe('BadRequestException');
    expect(missing.body.Message).toMatch(/^3 validation errors detected: Value null at 'applicationIdentifier'/);
    expect((await post('{')).type).toBe('BadRequestException');
  });
});

describe('faults', () => {
  it('surface as the AppConfigData exception classes', async () => {
    h.core.faults.add({ service: 'appconfigdata', throttleRate: 1, times: 1 });
    await expect(h.start()).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    h.core.faults.add({ service: 'appconfigdata', serverErrorRate: 1, times: 1 });
    await expect(h.start()).rejects.toMatchObject({
      name: 'InternalServerException',
      $metadata: { httpStatusCode: 500 },
    });
  });
});
