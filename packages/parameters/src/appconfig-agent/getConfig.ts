import { checkIdentifier, resolveApplication } from '../appconfig/identifiers.js';
import { validateWithSchema } from '../base/schema.js';
import { normalizeTransform, transformValue } from '../base/transformValue.js';
import { GetParameterError, ParameterNotFoundError } from '../errors.js';
import type { AppConfigAgentGetConfigOutput, GetConfigOptions } from '../types/AppConfigAgent.js';
import { requestFromAgent } from './requestFromAgent.js';
import { agentAvailable } from './runtime.js';

/** How long to wait for the agent by default, in milliseconds (as Powertools). */
const DEFAULT_TIMEOUT_MS = 3000;

/**
 * Retrieves a configuration from the AWS AppConfig Agent Lambda extension, at
 * `http://localhost:${AWS_APPCONFIG_EXTENSION_HTTP_PORT ?? 2772}/applications/…/environments/…/configurations/…`.
 * The agent caches and polls by itself, so nothing is cached here.
 *
 * Outside Lambda (`AWS_LAMBDA_INITIALIZATION_TYPE` unset) or with `POWERTOOLS_DEV` on, no request is made: the value
 * is `POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE`, or missing when that is unset, as in Powertools.
 *
 * @example
 * ```ts
 * import { getConfig } from '@paramkit/parameters/appconfig-agent';
 *
 * export const handler = async () => {
 *   const flags = await getConfig('flags', { application: 'shop', environment: 'prod', transform: 'json' });
 * };
 * ```
 */
export function getConfig<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends GetConfigOptions = GetConfigOptions,
>(
  name: string,
  options: InferredFromOptionsType & GetConfigOptions & { throwOnMissing: true },
): Promise<AppConfigAgentGetConfigOutput<ExplicitUserProvidedType, InferredFromOptionsType & { throwOnMissing: true }>>;
export function getConfig<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType extends GetConfigOptions = GetConfigOptions,
>(
  name: string,
  options: InferredFromOptionsType & GetConfigOptions,
): Promise<AppConfigAgentGetConfigOutput<ExplicitUserProvidedType, InferredFromOptionsType>>;
export async function getConfig(name: string, options: GetConfigOptions): Promise<unknown> {
  if (typeof name !== 'string' || name === '') throw new TypeError('The configuration name must be a non-empty string');
  const transform = normalizeTransform(options.transform);
  const raw = agentAvailable() ? await fromAgent(name, options) : localValue(name, options);
  if (raw === undefined) return undefined;
  const value = transform === undefined ? raw : transformValue(raw, transform, name);
  return options.schema === undefined ? value : validateWithSchema(options.schema, value, name);
}

function fromAgent(name: string, options: GetConfigOptions): Promise<string | undefined> {
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`timeout must be a positive number of milliseconds, got ${String(options.timeout)}`);
  }
  const application = resolveApplication(options.application, GetParameterError);
  checkIdentifier(options.environment, 'environment');
  return requestFromAgent({
    application,
    environment: options.environment,
    profile: name,
    timeoutMs,
    throwOnMissing: options.throwOnMissing === true,
  });
}

/** The stand-in for the agent in local runs and unit tests: `POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE`. */
function localValue(name: string, options: GetConfigOptions): string | undefined {
  const value = process.env.POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE?.trim() ?? '';
  if (value !== '') return value;
  if (options.throwOnMissing) throw new ParameterNotFoundError(`Configuration ${name} not found`);
  return undefined;
}
