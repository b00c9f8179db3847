/** The options @middy/ssm, @middy/secrets-manager and @middy/appconfig share, with the same names and meanings. */
export interface DropInOptions<Client, ClientConfig, FetchValue> {
  /** The SDK client class (for one instrumented with AWS X-Ray, say). @default the service's client */
  AwsClient?: new (
    // `never` takes every SDK client class, whose constructors take `[] | [config]` (which `...args: never[]` does not).
    config: never,
  ) => Client;
  /** Options for the client's constructor. */
  awsClientOptions?: Partial<ClientConfig>;
  /** Internal key holding credentials of a role to assume (see @middy/sts); disables prefetch. */
  awsClientAssumeRole?: string;
  /** Wraps the client, e.g. `captureAWSv3Client` of aws-xray-sdk (applied when prefetch is disabled, as middy does). */
  awsClientCapture?: (client: Client) => Client;
  /** Internal key → what to fetch. */
  fetchData?: { [key: string]: FetchValue };
  /** Do not start fetching when the middleware is created (Lambda INIT). @default false */
  disablePrefetch?: boolean;
  /** Names this middleware's cache, for `clearCache`; unique across middlewares. */
  cacheKey?: string;
  /** `cacheExpiry` by `cacheKey`, overriding `cacheExpiry`. */
  cacheKeyExpiry?: { [cacheKey: string]: number };
  /** How long values are cached, in ms: -1 forever, 0 not at all. @default -1 */
  cacheExpiry?: number;
  /** Also put the values (resolved) on `request.context`. @default false */
  setToContext?: boolean;
}

/** What the drop-ins need to create their client the way middy does. */
export interface ClientOptions<Client> {
  AwsClient: new (config: never) => Client;
  awsClientOptions: object;
  awsClientAssumeRole: string | undefined;
  awsClientCapture: ((client: Client) => Client) | undefined;
  disablePrefetch: boolean;
}

/** Whether values can be fetched before the first request: not with a role to assume, nor when disabled. */
export function canPrefetch(options: ClientOptions<unknown>): boolean {
  return options.awsClientAssumeRole === undefined && !options.disablePrefetch;
}

/** A client with the middleware's options, and the role's credentials when one is assumed. */
export function createClient<Client>(options: ClientOptions<Client>, credentials?: unknown): Client {
  const config = credentials === undefined ? options.awsClientOptions : { credentials, ...options.awsClientOptions };
  const client = new (options.AwsClient as new (config: object) => Client)(config);
  if (options.awsClientCapture === undefined) return client;
  if (options.disablePrefetch) return options.awsClientCapture(client);
  // X-Ray captures calls made inside an invocation only, so (as in middy, with its warning) a prefetch client is left
  // unwrapped.
  console.warn('Unable to apply X-Ray outside of handler invocation scope.');
  return client;
}
