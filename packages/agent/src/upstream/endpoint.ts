import type { AgentConfig } from '../config/types.js';
import type { UpstreamEndpoint } from './errors.js';

/**
 * Where a service is reached, as far as the configuration tells: the endpoint's host and port, else AWS's
 * regional host when the region is known. Only for messages; the SDK resolves the real address.
 *
 * @example
 * ```ts
 * endpointOf(config, 'ssm'); // { host: '127.0.0.1', port: 4566 }, or { host: 'ssm.eu-west-1.amazonaws.com', port: 443 }
 * ```
 */
export function endpointOf(config: AgentConfig, service: 'secretsmanager' | 'ssm'): UpstreamEndpoint | undefined {
  if (config.endpoint !== undefined) {
    const url = new URL(config.endpoint);
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }
  const region = config.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  return region === undefined || region === '' ? undefined : { host: `${service}.${region}.amazonaws.com`, port: 443 };
}
