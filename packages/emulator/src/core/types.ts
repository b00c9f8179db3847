import type { AwsServiceError } from './awsJson.js';

/** A request as the emulator sees it, independent of the HTTP server that received it. */
export interface EmulatorRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/` or `/configurationsessions`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** A response the Node adapter writes back as it is. */
export interface EmulatorResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** What every service may read from the emulator it runs in. */
export interface ServiceContext {
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now(): number;
  /** A number in [0, 1); injectable so fault tests can be deterministic. */
  random(): number;
  readonly region: string;
  readonly accountId: string;
}

/**
 * One AWS service spoken by the emulator. A service claims requests in `route`, answers them in `handle`,
 * and loads its part of a seed file in `load`.
 */
export interface EmulatedService {
  /** Short, stable name: `ssm`, `secretsmanager`, `appconfigdata`, `dynamodb`. */
  readonly name: string;
  /** Keys of a seed object this service loads, e.g. `['ssm']`. */
  readonly seedKeys: readonly string[];
  /** Returns the AWS operation name when the request belongs to this service, else `undefined`. */
  route(request: EmulatorRequest): string | undefined;
  /**
   * Whether `operation` (a name `route` returned) is one this service implements. A service may claim every
   * request under its `X-Amz-Target` prefix, to answer unknown names in its own error shape; those requests are
   * neither counted nor subject to fault rules.
   */
  implementsOperation(operation: string): boolean;
  handle(operation: string, request: EmulatorRequest): EmulatorResponse | Promise<EmulatorResponse>;
  /** Loads this service's section of a seed (validated by the service; throws a clear error when malformed). */
  load(seed: unknown): void;
  /** Renders an `AwsServiceError` in this service's protocol (JSON 1.0/1.1 or REST-JSON). */
  errorResponse(error: AwsServiceError): EmulatorResponse;
  /** Forgets all state. */
  reset(): void;
}
