import type { AgentMetrics } from '../../metrics.js';
import type { ParameterValueProvider } from '../../upstream/ParameterValueProvider.js';
import type { SecretValueProvider } from '../../upstream/SecretValueProvider.js';

/** What the routes read from. */
export interface RouteContext {
  readonly secrets: SecretValueProvider;
  readonly ssm: ParameterValueProvider;
  readonly metrics: AgentMetrics;
}
