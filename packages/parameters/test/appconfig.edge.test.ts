import {
  type AppConfigDataClient,
  BadRequestException,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { describe, expect, it } from 'vitest';
import { AppConfigProvider } from '../src/appconfig/index.js';
import { tokenProblem } from '../src/appconfig/tokenProblem.js';
import { GetParameterError } from '../src/errors.js';
import { text } from './helpers/appconfig.js';

type Answer = Record<string, unknown> | Error;

/**
 * A client that answers from a script, for answers the emulator (like AWS) never gives: no token, no interval,
 * an error without details. Each command takes the next answer of its kind.
 */
function scriptedClient(script: { start?: Answer[]; poll?: Answer[] }) {
  const sent: { command: string; input: Record<string, unknown> }[] = [];
  const client = {
    async send(command: { input: Record<string, unknown> }) {
      const isStart = command instanceof StartConfigurationSessionCommand;
      sent.push({ command: isStart ? 'start' : 'poll', input: command.input });
      if (!isStart && !(command instanceof GetLatestConfigurationCommand)) throw new Error('unexpected command');
      const answer = (isStart ? script.start : script.poll)?.shift();
      if (answer === undefined) throw new Error('script exhausted');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { client: client as unknown as AppConfigDataClient, sent };
}

const bytes = (value: string) => new TextEncoder().encode(value);
const badRequest = (message: string, problem?: string) =>
  new BadRequestException({
    message,
    $metadata: { httpStatusCode: 400 },
    ...(problem ? { Details: { InvalidParameters: { ConfigurationToken: { Problem: problem as 'Expired' } } } } : {}),
  });

function provider(client: AppConfigDataClient, clock = { now: 0 }) {
  return new AppConfigProvider({ application: 'a', environment: 'e', awsSdkV3Client: client, now: () => clock.now });
}

describe('AppConfigProvider with unusual answers', () => {
  it('fails clearly when a session starts without a token', async () => {
    const { client } = scriptedClient({ start: [{}] });
    await expect(provider(client).get('p')).rejects.toThrow(/returned no InitialConfigurationToken/);
  });

  it('starts a new session after a poll that returned no next token', async () => {
    const { client, sent } = scriptedClient({
      start: [{ InitialConfigurationToken: 't1' }, { InitialConfigurationToken: 't2' }],
      poll: [
        { Configuration: bytes('one'), NextPollIntervalInSeconds: 15 },
        { Configuration: bytes('two'), NextPollIntervalInSeconds: 15, NextPollConfigurationToken: 't3' },
      ],
    });
    const clock = { now: 0 };
    const appConfig = provider(client, clock);
    expect(text(await appConfig.get('p'))).toBe('one');
    clock.now += 15_000;
    expect(text(await appConfig.get('p'))).toBe('two');
    expect(sent.map((s) => s.command)).toEqual(['start', 'poll', 'start', 'poll']);
    expect(sent[3]?.input).toEqual({ ConfigurationToken: 't2' });
  });

  it('leaves the pace to maxAge when no poll interval comes back', async () => {
    const { client, sent } = scriptedClient({
      start: [{ InitialConfigurationToken: 't1' }],
      poll: [
        { Configuration: bytes('one'), NextPollConfigurationToken: 't2' },
        { Configuration: null, NextPollConfigurationToken: 't3' },
      ],
    });
    const appConfig = provider(client);
    await appConfig.get('p', { maxAge: 0 });
    expect(text(await appConfig.get('p', { maxAge: 0 }))).toBe('one');
    expect(sent.filter((s) => s.command === 'poll')).toHaveLength(2);
  });

  it('starts over once when a token is refused without a reason, but not twice', async () => {
    const { client, sent } = scriptedClient({
      start: [{ InitialConfigurationToken: 't1' }, { InitialConfigurationToken: 't2' }],
      poll: [
        { Configuration: bytes('one'), NextPollConfigurationToken: 'x' },
        badRequest('The token is not valid'),
        badRequest('The token is not valid'),
      ],
    });
    const appConfig = provider(client);
    await appConfig.get('p', { maxAge: 0 });
    const error = await appConfig.get('p', { maxAge: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).cause).toBeInstanceOf(BadRequestException);
    expect(sent.map((s) => s.command)).toEqual(['start', 'poll', 'poll', 'start', 'poll']);
  });

  it('passes on a fresh session’s refused first poll instead of looping', async () => {
    const { client, sent } = scriptedClient({
      start: [{ InitialConfigurationToken: 't1' }],
      poll: [badRequest('Request too early')],
    });
    await expect(provider(client).get('p')).rejects.toMatchObject({ cause: { name: 'BadRequestException' } });
    expect(sent).toHaveLength(2);
  });

  it('passes on errors that are not about the token', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    const { client } = scriptedClient({ start: [{ InitialConfigurationToken: 't1' }], poll: [denied] });
    await expect(provider(client).get('p')).rejects.toMatchObject({ cause: denied });
  });

  it('uses sdkOptions for the session, and application, environment and profile from the call', async () => {
    const { client, sent } = scriptedClient({
      start: [{ InitialConfigurationToken: 't1' }],
      poll: [{ Configuration: bytes('{}'), NextPollConfigurationToken: 't2' }],
    });
    await provider(client).get('p', {
      environment: 'e2',
      sdkOptions: { RequiredMinimumPollIntervalInSeconds: 30, ApplicationIdentifier: 'ignored' } as never,
    });
    expect(sent[0]?.input).toEqual({
      RequiredMinimumPollIntervalInSeconds: 30,
      ApplicationIdentifier: 'a',
      EnvironmentIdentifier: 'e2',
      ConfigurationProfileIdentifier: 'p',
    });
  });
});

describe('tokenProblem', () => {
  it('reads the problem from the details, or the message, or calls it unknown', () => {
    expect(tokenProblem(badRequest('x', 'Expired'))).toBe('Expired');
    expect(tokenProblem(badRequest('x', 'Corrupted'))).toBe('Corrupted');
    expect(tokenProblem(badRequest('x', 'PollIntervalNotSatisfied'))).toBe('PollIntervalNotSatisfied');
    expect(tokenProblem(badRequest('Request too early'))).toBe('PollIntervalNotSatisfied');
    expect(tokenProblem(badRequest('x', 'SomethingNew'))).toBe('Unknown');
    expect(tokenProblem({ name: 'BadRequestException' })).toBe('Unknown');
    expect(tokenProblem(new Error('x'))).toBeUndefined();
    expect(tokenProblem(null)).toBeUndefined();
  });
});
