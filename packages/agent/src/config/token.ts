import { readFileSync } from 'node:fs';

/** Variables searched for the token, first set wins, as the AWS Secrets Manager Agent does. */
export const DEFAULT_TOKEN_VARIABLES = ['AWS_TOKEN', 'AWS_SESSION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'] as const;

/**
 * The same variables in Lambda, `AWS_SESSION_TOKEN` first: the AWS extension requires the header to equal it, and
 * AWS's samples send it, so an `AWS_TOKEN` the function happens to define must not take its place.
 */
export const LAMBDA_TOKEN_VARIABLES = ['AWS_SESSION_TOKEN', 'AWS_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'] as const;

/** Names the variables to search instead of the default list (comma-separated). */
export const TOKEN_VARIABLES_ENV = 'PARAMKIT_AGENT_TOKEN_VARIABLES';

const FILE_PREFIX = 'file://';

/**
 * The agent cannot start as configured (no token source, unreadable token file). `exitCode` is the CLI's: 1, or 2
 * for a bad argument (`InvalidEndpointError`).
 *
 * @example
 * ```ts
 * try {
 *   resolveConfig(process.env);
 * } catch (error) {
 *   if (error instanceof AgentConfigError) console.error(error.message);
 * }
 * ```
 */
export class AgentConfigError extends Error {
  /** The exit code `paramkit-agent` ends with. */
  readonly exitCode: 1 | 2 = 1;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AgentConfigError';
  }
}

/**
 * Finds the token: the first non-empty variable of the list (`PARAMKIT_AGENT_TOKEN_VARIABLES`, else
 * `LAMBDA_TOKEN_VARIABLES` in Lambda and `DEFAULT_TOKEN_VARIABLES` elsewhere); a value `file://<path>` is read
 * from that file (trimmed). Throws `AgentConfigError` naming the variables or the file, never a value.
 *
 * @example
 * ```ts
 * const { token, source } = resolveToken({ AWS_SESSION_TOKEN: 'abc' }); // source: 'AWS_SESSION_TOKEN'
 * ```
 */
export function resolveToken(env: NodeJS.ProcessEnv): { token: string; source: string } {
  const names = tokenVariables(env);
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (!raw.startsWith(FILE_PREFIX)) return { token: raw, source: name };
    const path = raw.slice(FILE_PREFIX.length);
    let contents: string;
    try {
      contents = readFileSync(path, 'utf8').trim();
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new AgentConfigError(`Cannot read the token file ${path} named by ${name} (${code})`, { cause: error });
    }
    if (contents === '') throw new AgentConfigError(`The token file ${path} named by ${name} is empty`);
    return { token: contents, source: `${name} (file ${path})` };
  }
  throw new AgentConfigError(
    `No token source: set one of ${names.join(', ')} (a value, or file://<path>). ` +
      'Requests must send it in the X-Aws-Parameters-Secrets-Token header.',
  );
}

function tokenVariables(env: NodeJS.ProcessEnv): readonly string[] {
  const custom = env[TOKEN_VARIABLES_ENV]
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (custom !== undefined && custom.length > 0) return custom;
  return inLambda(env) ? LAMBDA_TOKEN_VARIABLES : DEFAULT_TOKEN_VARIABLES;
}

/**
 * Whether the agent runs in Lambda: as an extension (`AWS_LAMBDA_RUNTIME_API`, which Lambda sets for extensions and
 * the runtime), or started by the function (`AWS_LAMBDA_FUNCTION_NAME`, set for every Lambda process).
 */
function inLambda(env: NodeJS.ProcessEnv): boolean {
  return (env.AWS_LAMBDA_RUNTIME_API ?? '') !== '' || (env.AWS_LAMBDA_FUNCTION_NAME ?? '') !== '';
}
