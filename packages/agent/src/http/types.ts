/** One request as the handler sees it: `node:http`'s method, raw URL and lower-cased headers. */
export interface AgentRequest {
  readonly method: string;
  /** Path and query, as received (`/secretsmanager/get?secretId=app%2Fdb`). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** One answer of the handler. */
export interface AgentResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The body's length in bytes, when it is known already (answers made once per cached value). */
  readonly byteLength?: number;
  /** Extra headers (`Allow` on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Answers one request; the `node:http` adapter and the tests call it. A cache hit is answered synchronously (no
 * promise on the hot path); anything that waits on AWS returns a promise.
 */
export type AgentHandler = (request: AgentRequest) => AgentResponse | Promise<AgentResponse>;
