import type { AgentMetrics } from '../../metrics.js';
import type { ParameterReader } from '../../upstream/ParameterReader.js';
import type { SecretReader } from '../../upstream/SecretReader.js';

/** What the routes read from. */
export interface RouteContext {
  readonly secrets: SecretReader;
  readonly ssm: ParameterReader;
  readonly metrics: AgentMetrics;
}
