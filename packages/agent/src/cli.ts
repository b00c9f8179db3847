import { parseArgs } from 'node:util';
import { type RunningAgent, startAgent } from './agent.js';
import { resolveConfig } from './config/resolveConfig.js';
import { AgentConfigError } from './config/token.js';
import { runExtension } from './lambda/runExtension.js';
import { Logger, type LogSink } from './log.js';

const USAGE = `Usage: paramkit-agent [options]

A caching HTTP agent compatible with the AWS Parameters and Secrets Lambda Extension,
on 127.0.0.1 and [::1], port $PARAMETERS_SECRETS_EXTENSION_HTTP_PORT (default 2773). Configured by the
environment (see docs/agent.md); runs as a Lambda extension when AWS_LAMBDA_RUNTIME_API is set.

Options:
  --endpoint <url>     AWS endpoint for Secrets Manager and SSM (default: $AWS_ENDPOINT_URL, else AWS)
  --listen <addresses> IP addresses to serve, comma-separated, e.g. 0.0.0.0 for a container sidecar
                       (default: $PARAMKIT_AGENT_LISTEN_ADDRESS, else 127.0.0.1,::1); the token is still required
  -h, --help           show this help

Exit codes: 0 stopped (SIGINT, SIGTERM, Lambda SHUTDOWN), 1 failed to start, 2 bad arguments
(an unknown option, an endpoint that is not an http(s) URL, a listen address that is not an IP address).`;

/** Where the CLI writes; `process` satisfies it. */
export interface CliIo {
  stdout: LogSink;
  stderr: LogSink;
}

/** What `runCli` ended with: an exit code, or an agent left running for the caller to stop. */
export type CliResult =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'running'; readonly agent: RunningAgent };

/**
 * Runs the `paramkit-agent` command. With `AWS_LAMBDA_RUNTIME_API` set it runs the whole extension lifecycle and
 * returns its exit code (0 once Lambda sends SHUTDOWN or `signal` aborts); otherwise it starts the agent and
 * returns it running.
 *
 * @example
 * ```ts
 * const result = await runCli(['--endpoint', 'http://127.0.0.1:4566'], process.env, process);
 * if (result.kind === 'running') await result.agent.close();
 * ```
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  signal?: AbortSignal,
): Promise<CliResult> {
  const overrides: { endpoint?: string; listen?: string } = {};
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { endpoint: { type: 'string' }, listen: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return { kind: 'exit', code: 0 };
    }
    if (values.endpoint !== undefined) overrides.endpoint = values.endpoint;
    if (values.listen !== undefined) overrides.listen = values.listen;
  } catch (error) {
    io.stderr.write(`paramkit-agent: ${(error as Error).message}\nRun 'paramkit-agent --help' for usage.\n`);
    return { kind: 'exit', code: 2 };
  }
  let resolved: ReturnType<typeof resolveConfig>;
  try {
    resolved = resolveConfig(env, overrides);
  } catch (error) {
    if (!(error instanceof AgentConfigError)) throw error;
    io.stderr.write(`paramkit-agent: ${error.message}\n`);
    return { kind: 'exit', code: error.exitCode };
  }
  const { config, warnings } = resolved;
  const logger = new Logger(config.logLevel, io.stderr);
  for (const warning of warnings) logger.warn(warning);
  const start = () => startAgent({ config, logger });
  const runtimeApi = env.AWS_LAMBDA_RUNTIME_API;
  if (runtimeApi !== undefined && runtimeApi !== '') {
    const extension = signal === undefined ? { runtimeApi, start, logger } : { runtimeApi, start, logger, signal };
    return { kind: 'exit', code: await runExtension(extension) };
  }
  try {
    return { kind: 'running', agent: await start() };
  } catch (error) {
    logger.error('agent failed to start', { error: (error as Error).message });
    return { kind: 'exit', code: 1 };
  }
}
