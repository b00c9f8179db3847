/** The agent's port when `AWS_APPCONFIG_EXTENSION_HTTP_PORT` is not set. */
const DEFAULT_AGENT_PORT = '2772';
const TRUE_WORDS = new Set(['1', 'y', 'yes', 't', 'true', 'on']);

/**
 * Whether to call the agent: inside Lambda (`AWS_LAMBDA_INITIALIZATION_TYPE` is set) and not in Powertools' dev mode
 * (`POWERTOOLS_DEV`). Elsewhere there is no agent to call, as in Powertools.
 *
 * @example
 * ```ts
 * if (!agentAvailable()) return process.env.POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE;
 * ```
 */
export function agentAvailable(): boolean {
  const initialization = process.env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim();
  if (initialization === undefined || initialization === '' || initialization === 'unknown') return false;
  // An unreadable POWERTOOLS_DEV is not dev mode, as in Powertools: a typo must not silence production reads.
  return !TRUE_WORDS.has(process.env.POWERTOOLS_DEV?.trim().toLowerCase() ?? '');
}

/**
 * The agent's URL for one configuration, on the port from `AWS_APPCONFIG_EXTENSION_HTTP_PORT` (default 2772).
 *
 * @example
 * ```ts
 * agentUrl('shop', 'prod', 'flags'); // http://localhost:2772/applications/shop/environments/prod/configurations/flags
 * ```
 */
export function agentUrl(application: string, environment: string, profile: string): string {
  const port = process.env.AWS_APPCONFIG_EXTENSION_HTTP_PORT?.trim() || DEFAULT_AGENT_PORT;
  const path = [
    'applications',
    encodeURIComponent(application),
    'environments',
    encodeURIComponent(environment),
    'configurations',
    encodeURIComponent(profile),
  ].join('/');
  return `http://localhost:${port}/${path}`;
}
