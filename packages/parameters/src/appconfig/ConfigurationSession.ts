import {
  GetLatestConfigurationCommand,
  type GetLatestConfigurationCommandOutput,
  StartConfigurationSessionCommand,
  type StartConfigurationSessionCommandOutput,
} from '@aws-sdk/client-appconfigdata';
import type { AppConfigSessionOptions } from '../types/AppConfigProvider.js';
import { tokenProblem } from './tokenProblem.js';

/** AWS accepts a configuration token for 24 hours after issuing it. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * A token this close to the end of its life is not used: we only estimate when AWS issued it (when its answer
 * arrived), and a poll must not reach AWS just after the token died.
 */
const TOKEN_EXPIRY_MARGIN_MS = 60 * 1000;

/** The pause before polling again after AWS said a poll came too early (its clock runs ahead of ours). */
const TOO_EARLY_RETRY_MS = 1000;

/** The configuration a session reads. */
export interface SessionTarget {
  readonly application: string;
  readonly environment: string;
  readonly profile: string;
}

/** How a session reaches AppConfig: the provider's counting `send` and its clock. */
export interface SessionTransport {
  send<Output>(command: unknown): Promise<Output>;
  now(): number;
}

/**
 * One AppConfigData configuration session: the poll token, the poll interval and the last configuration seen.
 *
 * AppConfig answers a poll with an empty body when nothing changed, and refuses a poll made before the interval it
 * asked for; so the session keeps the last configuration, answers from it between polls, and starts over with a new
 * session when its token expired or was refused.
 *
 * @example
 * ```ts
 * const session = new ConfigurationSession({ application: 'shop', environment: 'prod', profile: 'flags' }, transport);
 * const bytes = await session.latest(undefined); // Uint8Array | undefined
 * ```
 */
export class ConfigurationSession {
  #token: string | undefined;
  #tokenExpiresAt = 0;
  /** Whether `#token` is the session's initial token, whose poll returns the configuration even if unchanged. */
  #tokenIsInitial = false;
  #nextPollAt = 0;
  #polled = false;
  #value: Uint8Array | undefined;
  #pending: Promise<Uint8Array | undefined> | undefined;

  constructor(
    readonly target: SessionTarget,
    private readonly transport: SessionTransport,
  ) {}

  /**
   * The latest configuration (`undefined` when it is empty). Polls only once the poll interval has passed since
   * the last poll, and answers with the last configuration before that.
   *
   * @example
   * ```ts
   * const bytes = await session.latest({ RequiredMinimumPollIntervalInSeconds: 30 });
   * ```
   */
  latest(sessionOptions: AppConfigSessionOptions | undefined): Promise<Uint8Array | undefined> {
    if (this.#polled && this.transport.now() < this.#nextPollAt) return Promise.resolve(this.#value);
    // A token is single-use: two polls at once would spend it twice, so concurrent callers share one poll.
    this.#pending ??= this.#poll(sessionOptions).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #poll(sessionOptions: AppConfigSessionOptions | undefined): Promise<Uint8Array | undefined> {
    const startedNow = this.#token === undefined || this.transport.now() >= this.#tokenExpiresAt;
    if (startedNow) await this.#start(sessionOptions);
    let output: GetLatestConfigurationCommandOutput;
    try {
      output = await this.#getLatest();
    } catch (error) {
      const problem = tokenProblem(error);
      if (problem === 'PollIntervalNotSatisfied' && this.#polled) {
        // AWS left the token unspent: keep it, serve the last configuration, and try again shortly.
        this.#nextPollAt = this.transport.now() + TOO_EARLY_RETRY_MS;
        return this.#value;
      }
      // A fresh token that is refused would be refused again; anything but a token problem is not ours to fix.
      if (problem === undefined || problem === 'PollIntervalNotSatisfied' || startedNow) throw error;
      // Spent (an answer lost on the way), expired or unknown (the service forgot it): start over, once.
      await this.#start(sessionOptions);
      output = await this.#getLatest();
    }
    return this.#record(output);
  }

  async #start(sessionOptions: AppConfigSessionOptions | undefined): Promise<void> {
    this.#token = undefined;
    const output = await this.transport.send<StartConfigurationSessionCommandOutput>(
      new StartConfigurationSessionCommand({
        ...sessionOptions,
        ApplicationIdentifier: this.target.application,
        EnvironmentIdentifier: this.target.environment,
        ConfigurationProfileIdentifier: this.target.profile,
      }),
    );
    if (!output.InitialConfigurationToken) {
      throw new Error('StartConfigurationSession returned no InitialConfigurationToken');
    }
    this.#setToken(output.InitialConfigurationToken, true);
  }

  #getLatest(): Promise<GetLatestConfigurationCommandOutput> {
    return this.transport.send(new GetLatestConfigurationCommand({ ConfigurationToken: this.#token }));
  }

  #record(output: GetLatestConfigurationCommandOutput): Uint8Array | undefined {
    const content = output.Configuration;
    // The SDK gives `null` or an empty array for an empty body; on a later poll that means "unchanged", but the
    // first poll of a session always carries the configuration, so there it means the configuration is empty.
    if (content !== undefined && content !== null && content.length > 0) this.#value = content;
    else if (this.#tokenIsInitial) this.#value = undefined;
    // Measured after the answer arrived, which is after AWS started the interval, so the next poll is never early.
    this.#nextPollAt = this.transport.now() + (output.NextPollIntervalInSeconds ?? 0) * 1000;
    this.#polled = true;
    if (output.NextPollConfigurationToken) this.#setToken(output.NextPollConfigurationToken, false);
    else this.#token = undefined;
    return this.#value;
  }

  #setToken(token: string, initial: boolean): void {
    this.#token = token;
    this.#tokenIsInitial = initial;
    this.#tokenExpiresAt = this.transport.now() + TOKEN_LIFETIME_MS - TOKEN_EXPIRY_MARGIN_MS;
  }
}
