import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badToken } from './errors.js';
import type { Deployment, ResolvedTarget } from './store.js';

/** AWS lets a configuration token be used for 24 hours after it was issued. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** How often, at most, used and expired tokens are swept from memory. */
const SWEEP_EVERY_MS = 60 * 1000;

// Token layout: random bytes, issue time (int64 ms), then a MAC over both so garbage is never mistaken for a token.
const RANDOM_BYTES = 16;
const TIME_BYTES = 8;
const MAC_BYTES = 16;
const TOKEN_BYTES = RANDOM_BYTES + TIME_BYTES + MAC_BYTES;

interface Session {
  readonly target: ResolvedTarget;
  readonly pollIntervalSeconds: number;
  /** Version this session last returned; later polls answer empty until the deployment changes. */
  lastVersion: number | undefined;
}

interface TokenRecord {
  readonly session: Session;
  readonly issuedAt: number;
  /** The earliest time the token may be used: the poll interval after the poll that issued it. */
  readonly notBefore: number;
  used: boolean;
}

/** The answer to one `GetLatestConfiguration`. */
export interface PollResult {
  readonly nextToken: string;
  readonly pollIntervalSeconds: number;
  /** The deployment now in force for the session's environment and profile. */
  readonly deployment: Deployment;
  /** Whether the session has not seen this deployment yet, so its content is to be sent. */
  readonly changed: boolean;
}

/**
 * Configuration sessions and their single-use tokens. Tokens carry their issue time, so a token is recognised as
 * expired even after it has been swept from memory (AWS tokens are likewise self-describing encrypted blobs).
 */
export class SessionStore {
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #secret = randomBytes(32);
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number) {}

  /** Whether polling before the session's interval has passed is refused, as AWS does. */
  enforcePollInterval = true;

  /** Starts a session and returns its initial token, which may be used at once. */
  start(target: ResolvedTarget, pollIntervalSeconds: number): string {
    const session: Session = { target, pollIntervalSeconds, lastVersion: undefined };
    const now = this.now();
    return this.#issue(session, now, now);
  }

  /** Spends `token` and returns what the session is to be sent, with the token for its next poll. */
  poll(token: string): PollResult {
    const now = this.now();
    const record = this.#lookup(token, now);
    if (record.used) {
      // AWS's model has no "reused" problem; a spent token is as good as an expired one.
      throw badToken('Expired', 'The configuration token has already been used; use the NextPollConfigurationToken.');
    }
    if (this.enforcePollInterval && now < record.notBefore) {
      // AWS leaves the token unspent here, so the client can retry it once the interval has passed.
      throw badToken('PollIntervalNotSatisfied', 'Request too early');
    }
    record.used = true;
    const { session } = record;
    const deployment = session.target.environment.deployments.get(session.target.profile.id);
    if (!deployment) throw new Error('A session exists for a profile that is not deployed');
    const changed = session.lastVersion !== deployment.version;
    session.lastVersion = deployment.version;
    const nextToken = this.#issue(session, now, now + session.pollIntervalSeconds * 1000);
    return { nextToken, pollIntervalSeconds: session.pollIntervalSeconds, deployment, changed };
  }

  /** Forgets every session and token. */
  clear(): void {
    this.#tokens.clear();
    this.#lastSweep = Number.NEGATIVE_INFINITY;
  }

  #lookup(token: string, now: number): TokenRecord {
    const record = this.#tokens.get(token);
    const issuedAt = record?.issuedAt ?? this.#issueTime(token);
    if (issuedAt !== undefined && now >= issuedAt + TOKEN_LIFETIME_MS) {
      throw badToken('Expired', 'The configuration token has expired; start a new configuration session.');
    }
    if (!record) throw badToken('Corrupted', 'The configuration token is not valid.');
    return record;
  }

  #issue(session: Session, now: number, notBefore: number): string {
    this.#sweep(now);
    const bytes = Buffer.alloc(TOKEN_BYTES);
    randomBytes(RANDOM_BYTES).copy(bytes);
    bytes.writeBigInt64BE(BigInt(Math.trunc(now)), RANDOM_BYTES);
    this.#mac(bytes).copy(bytes, RANDOM_BYTES + TIME_BYTES);
    const token = bytes.toString('base64url');
    this.#tokens.set(token, { session, issuedAt: now, notBefore, used: false });
    return token;
  }

  /** Drops expired tokens, so a long-running emulator does not grow without bound. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    for (const [token, record] of this.#tokens) {
      if (now >= record.issuedAt + TOKEN_LIFETIME_MS) this.#tokens.delete(token);
    }
  }

  /** The issue time in a token this store minted (even one swept since), or `undefined` for anything else. */
  #issueTime(token: string): number | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES) return undefined;
    const mac = bytes.subarray(RANDOM_BYTES + TIME_BYTES);
    if (!timingSafeEqual(mac, this.#mac(bytes))) return undefined;
    return Number(bytes.readBigInt64BE(RANDOM_BYTES));
  }

  #mac(token: Buffer): Buffer {
    return createHmac('sha256', this.#secret)
      .update(token.subarray(0, RANDOM_BYTES + TIME_BYTES))
      .digest()
      .subarray(0, MAC_BYTES);
  }
}
