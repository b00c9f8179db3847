import type { Logger } from '../log.js';
import { BadRequestError, failure, text } from './responses.js';
import type { RouteContext } from './routes/context.js';
import { getMetrics } from './routes/metrics.js';
import { getParameter, getParametersByPath } from './routes/parameters.js';
import { batchGetSecrets, getSecret, getSecretByPath } from './routes/secrets.js';
import { tokenMatcher } from './tokenMatcher.js';
import type { AgentHandler, AgentRequest, AgentResponse } from './types.js';
import { describeUpstreamFailure, errorName } from './upstreamFailure.js';

/** The header every request but `/ping` must carry, lower-cased as `node:http` gives it. */
export const TOKEN_HEADER = 'x-aws-parameters-secrets-token';

/** Every header the handler reads (lower-case): an adapter may pass only these. */
export const HANDLER_HEADERS: readonly string[] = [TOKEN_HEADER, 'x-forwarded-for', 'accept'];

/** What the handler needs besides the routes' providers. */
export interface HandlerOptions extends RouteContext {
  /** The expected token. */
  readonly token: string;
  readonly logger: Logger;
}

const ALLOW_GET = { allow: 'GET' };
const MISDIRECTED = failure(
  421,
  'MisdirectedRequest',
  'The request names another host: the agent is not a proxy, and answers only requests for itself',
);

/**
 * Builds the agent's request handler. Checks run in the AWS Secrets Manager Agent's order: `X-Forwarded-For`
 * (400), token (403), method (405), then path (404; 421 for an absolute-form target naming another host) and
 * query (400). The inbound limit (429) comes first, in the `node:http` adapter, which counts the requests waiting
 * on AWS. A cache hit is answered synchronously.
 *
 * @example
 * ```ts
 * const handle = createHandler({ token, secrets, ssm, metrics, logger });
 * const response = await handle({ method: 'GET', url: '/ping', headers: {} }); // 200 'healthy'
 * ```
 */
export function createHandler(options: HandlerOptions): AgentHandler {
  const { logger, metrics } = options;
  const matches = tokenMatcher(options.token);

  const tokenProblem = (given: string | string[] | undefined): string | undefined => {
    if (given === undefined) return 'Missing X-Aws-Parameters-Secrets-Token header';
    if (typeof given !== 'string') return 'X-Aws-Parameters-Secrets-Token given more than once';
    return matches(given) ? undefined : 'Invalid X-Aws-Parameters-Secrets-Token header';
  };

  const route = (request: AgentRequest, path: string, query: string): Promise<AgentResponse> | AgentResponse => {
    // The two AWS routes also with a trailing slash: AWS's own samples use `/systemsmanager/parameters/get/?name=`.
    switch (path) {
      case '/secretsmanager/get':
      case '/secretsmanager/get/':
        return getSecret(options, query);
      case '/systemsmanager/parameters/get':
      case '/systemsmanager/parameters/get/':
        return getParameter(options, query);
      case '/ping':
        return text('healthy');
      case '/secretsmanager/batch-get':
        return batchGetSecrets(options, query);
      case '/systemsmanager/parameters/get-by-path':
        return getParametersByPath(options, query);
      case '/metrics':
        return getMetrics(options, query, headerText(request.headers.accept));
      default:
        if (path.startsWith('/v1/')) return getSecretByPath(options, path.slice(4), query);
        // An absolute-form target the adapter left as it came names another host (see `originForm`).
        if (!path.startsWith('/') && path.includes('://')) return MISDIRECTED;
        return failure(404, 'NotFound', `No such path: ${path}`);
    }
  };

  /** The checks that need no route, in order; `undefined` when the request passes them all. */
  const refuse = (request: AgentRequest, path: string): AgentResponse | undefined => {
    if (request.headers['x-forwarded-for'] !== undefined) {
      return failure(400, 'BadRequest', 'Requests carrying X-Forwarded-For are refused');
    }
    if (path !== '/ping') {
      const problem = tokenProblem(request.headers[TOKEN_HEADER]);
      if (problem !== undefined) return failure(403, 'Forbidden', problem);
    }
    if (request.method !== 'GET') {
      return failure(405, 'MethodNotAllowed', `Method ${request.method} is not allowed; use GET`, ALLOW_GET);
    }
    return undefined;
  };

  const finish = (request: AgentRequest, path: string, response: AgentResponse, started: number): AgentResponse => {
    metrics.record(response.status);
    if (started !== 0) {
      const ms = Math.round((performance.now() - started) * 1000) / 1000;
      logger.debug('request', { method: request.method, path, status: response.status, ms });
    }
    return response;
  };

  const failed = (error: unknown, path: string): AgentResponse => {
    if (error instanceof BadRequestError) return failure(400, 'BadRequest', error.message);
    const { status, type, message } = describeUpstreamFailure(error, path);
    if (status >= 500) logger.warn('upstream read failed', { path, status, error: errorName(error), message });
    return failure(status, type, message);
  };

  return (request) => {
    const started = logger.enabled('debug') ? performance.now() : 0;
    const { url } = request;
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const refused = refuse(request, path);
    if (refused !== undefined) return finish(request, path, refused, started);
    let result: AgentResponse | Promise<AgentResponse>;
    try {
      result = route(request, path, mark === -1 ? '' : url.slice(mark + 1));
    } catch (error) {
      return finish(request, path, failed(error, path), started);
    }
    if (!(result instanceof Promise)) return finish(request, path, result, started);
    return result.then(
      (response) => finish(request, path, response, started),
      (error: unknown) => finish(request, path, failed(error, path), started),
    );
  };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
