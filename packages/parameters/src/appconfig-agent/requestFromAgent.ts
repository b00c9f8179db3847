import { messageOf } from '../engine/errorKinds.js';
import { GetParameterError, ParameterNotFoundError } from '../errors.js';
import { agentUrl } from './runtime.js';

/** How much of an error answer's body goes into the error message: enough to read the agent's reason. */
const BODY_EXCERPT_CHARS = 200;

/** What `requestFromAgent` needs to know. */
export interface AgentRequest {
  application: string;
  environment: string;
  profile: string;
  timeoutMs: number;
  throwOnMissing: boolean;
}

/**
 * Fetches one configuration from the AWS AppConfig Agent extension and returns its body as text; `undefined` for a
 * 404 (or `ParameterNotFoundError` with `throwOnMissing`). Any other failure, including a timeout, is a
 * `GetParameterError`.
 *
 * @example
 * ```ts
 * const text = await requestFromAgent({ application: 'shop', environment: 'prod', profile: 'flags', timeoutMs: 3000, throwOnMissing: false });
 * ```
 */
export async function requestFromAgent(request: AgentRequest): Promise<string | undefined> {
  const { profile, timeoutMs } = request;
  let status: number;
  let body: string;
  try {
    // The signal also bounds reading the body: an agent that stalls mid-answer times out too.
    const response = await fetch(agentUrl(request.application, request.environment, profile), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    // As in Powertools: the network (or timeout) error's own message, and the error as the cause, whose own cause
    // names the socket's code (`ECONNREFUSED`, ...).
    throw new GetParameterError(messageOf(error), { cause: error });
  }
  if (status === 404) {
    if (request.throwOnMissing) throw new ParameterNotFoundError(`Configuration ${profile} not found`);
    return undefined;
  }
  if (status < 200 || status > 299) {
    const excerpt = body.length > BODY_EXCERPT_CHARS ? `${body.slice(0, BODY_EXCERPT_CHARS)}…` : body;
    throw new GetParameterError(`Failed to retrieve configuration from AppConfig Agent: ${status} ${excerpt}`);
  }
  return body;
}
