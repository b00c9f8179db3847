export { type Agent, type AgentOptions, createAgent, type RunningAgent, startAgent } from './agent.js';
export { type CliIo, type CliResult, runCli } from './cli.js';
export { checkEndpoint, InvalidEndpointError } from './config/endpoint.js';
export {
  InvalidListenAddressError,
  LOOPBACK_ADDRESSES,
  parseListenAddresses,
} from './config/listen.js';
export { MAX_PREFETCH_ENTRIES, PREFETCH_ENV, type PrefetchEntry, parsePrefetch } from './config/prefetch.js';
export { DEFAULT_REFRESH_AHEAD, describeConfig, ENV, INTEGER_RULES, resolveConfig } from './config/resolveConfig.js';
export {
  AgentConfigError,
  DEFAULT_TOKEN_VARIABLES,
  LAMBDA_TOKEN_VARIABLES,
  resolveToken,
  TOKEN_VARIABLES_ENV,
} from './config/token.js';
export type { AgentConfig, ConfigOverrides, LogLevel, ResolvedConfig } from './config/types.js';
export { createHandler, type HandlerOptions, TOKEN_HEADER } from './http/handler.js';
export { HOST, HOSTS, type ListeningServer, type ServeOptions, serve } from './http/nodeAdapter.js';
export { extensionTime, parameterBody, secretBody } from './http/render.js';
export type { AgentHandler, AgentRequest, AgentResponse } from './http/types.js';
export { describeUpstreamFailure, type UpstreamFailure } from './http/upstreamFailure.js';
export { type ExtensionEvent, type ExtensionsApi, extensionsApi } from './lambda/extensionsApi.js';
export { EXTENSION_NAME, type ExtensionOptions, runExtension } from './lambda/runExtension.js';
export { type LogFields, Logger, type LogSink } from './log.js';
export { AgentMetrics, type MetricsSnapshot, toPrometheus } from './metrics.js';
export { type PrefetchReport, prefetch } from './prefetch.js';
export { type ClientOverrides, createClients, type UpstreamClients } from './upstream/clients.js';
export {
  UpstreamBusyError,
  UpstreamCallError,
  UpstreamConnectionError,
  type UpstreamEndpoint,
  UpstreamInvalidResponseError,
  UpstreamTimeoutError,
} from './upstream/errors.js';
export type { UpstreamOptions } from './upstream/options.js';
export { type ParameterOutput, ParameterReader } from './upstream/ParameterReader.js';
export { ConnectionPool } from './upstream/pool.js';
export {
  type BatchError,
  type BatchResult,
  type SecretOutput,
  SecretReader,
} from './upstream/SecretReader.js';
export { CURRENT_VERSION, type SecretVersion, secretVersion } from './upstream/secretVersion.js';
