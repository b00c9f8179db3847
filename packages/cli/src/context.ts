import { SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';
import { SecretsProvider } from '@paramkit/parameters/secrets';
import { SSMProvider } from '@paramkit/parameters/ssm';
import { UsageError } from './errors.js';
import { type CliIo, Progress } from './io.js';
import { Redactor } from './redact.js';

/** The options every verb takes (commander's global options). */
export interface GlobalOptions {
  endpoint?: string | undefined;
  region?: string | undefined;
  profile?: string | undefined;
  json?: boolean | undefined;
  progress?: boolean | undefined;
}

/** Attempts per call unless `AWS_MAX_ATTEMPTS` says otherwise: bulk imports meet throttling, and adaptive mode waits. */
const DEFAULT_MAX_ATTEMPTS = 6;
/**
 * Bounds on each attempt: a connection must open within this time, and an open one may not stay silent for longer.
 * Without them an endpoint that accepts and never answers (a wedged proxy, the wrong port) hangs the command for
 * ever. The agent's defaults; a slow but live answer keeps its socket busy and is not cut off.
 */
const CONNECT_TIMEOUT_MS = 3_000;
const IDLE_TIMEOUT_MS = 10_000;
/** The emulator does not check signatures; these sign requests to a loopback endpoint when nothing else is set. */
const LOOPBACK_CREDENTIALS = { accessKeyId: 'paramkit', secretAccessKey: 'paramkit' };

/** What a verb works with: the streams, the options, lazily created providers and the redactor. */
export class Context {
  readonly redactor = new Redactor();
  #ssm: SSMProvider | undefined;
  #secrets: SecretsProvider | undefined;

  constructor(
    readonly io: CliIo,
    readonly options: GlobalOptions,
  ) {}

  get json(): boolean {
    return this.options.json === true;
  }

  /** The library's SSM provider, over one client with adaptive retries. Its `client` serves the other operations. */
  get ssm(): SSMProvider {
    this.#ssm ??= new SSMProvider({ awsSdkV3Client: new SSMClient(this.#clientConfig() as SSMClientConfig) });
    return this.#ssm;
  }

  get secrets(): SecretsProvider {
    this.#secrets ??= new SecretsProvider({
      awsSdkV3Client: new SecretsManagerClient(this.#clientConfig() as SecretsManagerClientConfig),
    });
    return this.#secrets;
  }

  out(text: string): void {
    this.io.stdout.write(text);
  }

  /** A message for people on stderr, masked. */
  note(text: string): void {
    this.io.stderr.write(this.redactor.redact(text));
  }

  progress(): Progress {
    return new Progress(this.io.stderr, this.options.progress !== false && !this.json && this.io.stderr.isTTY === true);
  }

  /** Closes the clients' sockets, so that the process ends as soon as the verb is done. */
  close(): void {
    this.#ssm?.client.destroy();
    this.#secrets?.client.destroy();
  }

  /**
   * Puts the endpoint, region, profile (and the loopback credentials) into the environment, for code that builds
   * its own clients from it: a user's config declaration.
   */
  exportSettings(): void {
    const { env } = this.io;
    const config = this.#clientConfig();
    if (this.options.endpoint !== undefined) env.AWS_ENDPOINT_URL = this.options.endpoint;
    if (typeof config.region === 'string') env.AWS_REGION = config.region;
    if (this.options.profile !== undefined) env.AWS_PROFILE = this.options.profile;
    if (config.credentials === LOOPBACK_CREDENTIALS) {
      env.AWS_ACCESS_KEY_ID = LOOPBACK_CREDENTIALS.accessKeyId;
      env.AWS_SECRET_ACCESS_KEY = LOOPBACK_CREDENTIALS.secretAccessKey;
    }
  }

  #clientConfig(): Record<string, unknown> {
    const { env } = this.io;
    const endpoint = this.options.endpoint ?? env.AWS_ENDPOINT_URL;
    if (endpoint !== undefined) checkEndpoint(endpoint, this.options.endpoint === undefined);
    const config: Record<string, unknown> = {
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS },
    };
    if (this.options.endpoint !== undefined) config.endpoint = this.options.endpoint;
    const region = this.options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    // A local endpoint needs some region to sign with; AWS itself gets the SDK's own resolution (profile, IMDS).
    if (region !== undefined) config.region = region;
    else if (endpoint !== undefined) config.region = 'us-east-1';
    if (this.options.profile !== undefined) config.profile = this.options.profile;
    config.retryMode = env.AWS_RETRY_MODE ?? 'adaptive';
    if (env.AWS_MAX_ATTEMPTS === undefined) config.maxAttempts = DEFAULT_MAX_ATTEMPTS;
    if (endpoint !== undefined && isLoopback(endpoint) && !hasCredentialSettings(env, this.options)) {
      config.credentials = LOOPBACK_CREDENTIALS;
    }
    return config;
  }
}

/** A mistyped endpoint would otherwise surface as a credentials error (it is not a local one) or a DNS failure. */
function checkEndpoint(endpoint: string, fromEnv: boolean): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(endpoint).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  const where = fromEnv ? 'AWS_ENDPOINT_URL' : '--endpoint';
  throw new UsageError(`${where} must be an http:// or https:// URL (http://127.0.0.1:4566), got '${endpoint}'`);
}

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}

function hasCredentialSettings(env: NodeJS.ProcessEnv, options: GlobalOptions): boolean {
  return (
    options.profile !== undefined ||
    env.AWS_ACCESS_KEY_ID !== undefined ||
    env.AWS_PROFILE !== undefined ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI !== undefined ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI !== undefined
  );
}
