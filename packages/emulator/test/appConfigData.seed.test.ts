import { describe, expect, it } from 'vitest';
import { EmulatorCore } from '../src/core/emulator.js';
import { AppConfigDataService } from '../src/services/appConfigData.js';

function service(): AppConfigDataService {
  return new AppConfigDataService(new EmulatorCore().context);
}

function seedWith(profile: Record<string, unknown>): unknown {
  return { applications: [{ name: 'shop', environments: [{ name: 'prod', profiles: [profile] }] }] };
}

describe('AppConfigData seed', () => {
  it('is loaded through the core under the `appconfig` key', () => {
    const core = new EmulatorCore();
    const appConfig = core.register(new AppConfigDataService(core.context));
    core.load({ appconfig: seedWith({ name: 'flags', content: { a: 1 } }) });
    expect(appConfig.ids('shop', 'prod', 'flags')).toMatchObject({ applicationId: expect.any(String) });
  });

  it.each([
    [null, /'appconfig' must be an object/],
    [{}, /'appconfig.applications' must be an array/],
    [{ applications: [], extra: 1 }, /'appconfig.extra' is not known/],
    [{ applications: [{}] }, /'appconfig.applications\[0\].name' must be a non-empty string/],
    [{ applications: [{ name: 'a' }, { name: 'a' }] }, /'appconfig.applications\[1\].name' repeats the name 'a'/],
    [
      { applications: [{ name: 'a', environments: {} }] },
      /'appconfig.applications\[0\].environments' must be an array/,
    ],
    [{ applications: [{ name: 'a', environments: [{ name: '' }] }] }, /environments\[0\].name' must be a non-empty/],
    [{ applications: [{ name: 'a', id: 5 }] }, /'appconfig.applications\[0\].id' must be a non-empty string/],
    [seedWith({ name: 'flags' }), /profiles\[0\].content' must be a string or a JSON object or array/],
    [seedWith({ name: 'flags', content: 5 }), /profiles\[0\].content' must be a string/],
    [seedWith({ name: 'flags', contnet: 'x' }), /profiles\[0\].contnet' is not known/],
    [seedWith({ name: 'flags', content: 'x', contentType: 1 }), /profiles\[0\].contentType' must be a non-empty/],
    [seedWith({ name: 'flags', content: 'x', versionLabel: '' }), /profiles\[0\].versionLabel' must be a non-empty/],
    [seedWith({ name: 'flags', content: 'x', pollIntervalSeconds: 5 }), /profiles\[0\].pollIntervalSeconds' must be/],
    [seedWith({ name: 'flags', content: 'x', pollIntervalSeconds: 15.5 }), /from 15 to 86400/],
  ])('rejects %j', (seed, message) => {
    const appConfig = service();
    expect(() => appConfig.load(seed)).toThrow(TypeError);
    expect(() => appConfig.load(seed)).toThrow(message);
  });

  it('loads nothing when any part of the seed is invalid', () => {
    const appConfig = service();
    const seed = {
      applications: [
        { name: 'good', environments: [{ name: 'prod' }] },
        { name: 'bad', environments: 'x' },
      ],
    };
    expect(() => appConfig.load(seed)).toThrow(TypeError);
    expect(appConfig.ids('good')).toBeUndefined();
  });

  it('creates applications and environments without profiles', () => {
    const appConfig = service();
    appConfig.load({ applications: [{ name: 'shop', environments: [{ name: 'prod' }] }] });
    expect(appConfig.ids('shop', 'prod')).toMatchObject({ environmentId: expect.stringMatching(/^[a-z0-9]{7}$/) });
  });

  it('honours pinned ids, and derives the same ids from the same names every time', () => {
    const pinned = service();
    pinned.load({
      applications: [{ name: 'shop', id: 'app1234', environments: [{ name: 'prod', id: 'env1234', profiles: [] }] }],
    });
    expect(pinned.ids('app1234', 'env1234')).toEqual({ applicationId: 'app1234', environmentId: 'env1234' });
    const a = service();
    const b = service();
    a.load(seedWith({ name: 'flags', content: 'x' }));
    b.load(seedWith({ name: 'flags', content: 'y' }));
    expect(a.ids('shop', 'prod', 'flags')).toEqual(b.ids('shop', 'prod', 'flags'));
  });

  it('refuses an id that contradicts an existing one', () => {
    const appConfig = service();
    appConfig.load({ applications: [{ name: 'shop', id: 'aaaaaaa' }] });
    expect(() => appConfig.load({ applications: [{ name: 'shop', id: 'bbbbbbb' }] })).toThrow(
      /application 'shop' already has the id 'aaaaaaa'/,
    );
    expect(() => appConfig.load({ applications: [{ name: 'other', id: 'aaaaaaa' }] })).toThrow(
      /already used by 'shop'/,
    );
  });

  it('treats a profile under several environments as one profile, versioned across them', () => {
    const appConfig = service();
    appConfig.load({
      applications: [
        {
          name: 'shop',
          environments: [
            { name: 'prod', profiles: [{ name: 'flags', content: 'a' }] },
            { name: 'dev', profiles: [{ name: 'flags', content: 'b' }] },
          ],
        },
      ],
    });
    expect(appConfig.ids('shop', 'prod', 'flags')?.profileId).toBe(appConfig.ids('shop', 'dev', 'flags')?.profileId);
    expect(appConfig.deploy({ application: 'shop', environment: 'prod', profile: 'flags', content: 'c' })).toBe(3);
  });
});

describe('AppConfigDataService.deploy', () => {
  it('numbers versions per profile and validates its input', () => {
    const appConfig = service();
    const base = { application: 'shop', environment: 'prod', profile: 'flags' };
    expect(appConfig.deploy({ ...base, content: {} })).toBe(1);
    expect(appConfig.deploy({ ...base, content: 'x' })).toBe(2);
    expect(appConfig.deploy({ ...base, profile: 'other', content: 'x' })).toBe(1);
    expect(() => appConfig.deploy({ ...base, application: '', content: 'x' })).toThrow(/'application' must be/);
    expect(() => appConfig.deploy({ ...base, content: 'x', pollIntervalSeconds: 10 })).toThrow(/pollIntervalSeconds/);
    expect(() => appConfig.deploy({ ...base, content: 42 as unknown as string })).toThrow(TypeError);
  });

  it('forgets everything on reset', () => {
    const appConfig = service();
    appConfig.deploy({ application: 'shop', environment: 'prod', profile: 'flags', content: 'x' });
    appConfig.reset();
    expect(appConfig.ids('shop')).toBeUndefined();
  });
});

describe('AppConfigDataService.route', () => {
  const request = (method: string, path: string) => ({
    method,
    path,
    query: new URLSearchParams(),
    headers: {},
    body: new Uint8Array(),
  });

  it('claims only the two AppConfigData operations', () => {
    const appConfig = service();
    expect(appConfig.route(request('POST', '/configurationsessions'))).toBe('StartConfigurationSession');
    expect(appConfig.route(request('GET', '/configuration'))).toBe('GetLatestConfiguration');
    expect(appConfig.route(request('POST', '/'))).toBeUndefined();
    expect(appConfig.route(request('GET', '/configurationsessions'))).toBeUndefined();
  });
});
