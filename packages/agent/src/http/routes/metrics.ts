import { toPrometheus } from '../../metrics.js';
import { Query } from '../query.js';
import { BadRequestError, json, text } from '../responses.js';
import type { AgentResponse } from '../types.js';
import type { RouteContext } from './context.js';

const PROMETHEUS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `GET /metrics[?format=json|prometheus]`: JSON, or Prometheus text for `format=prometheus` or `Accept: text/plain`. */
export function getMetrics(context: RouteContext, rawQuery: string, accept: string | undefined): AgentResponse {
  const format = new Query(rawQuery, ['format']).optional('format');
  if (format !== undefined && format !== 'json' && format !== 'prometheus') {
    throw new BadRequestError("Query parameter 'format' must be json or prometheus");
  }
  const snapshot = context.metrics.snapshot(context.secrets.stats(), context.ssm.stats());
  const prometheus = format === 'prometheus' || (format === undefined && accept?.includes('text/plain') === true);
  return prometheus ? text(toPrometheus(snapshot), PROMETHEUS_TYPE) : json(snapshot);
}
