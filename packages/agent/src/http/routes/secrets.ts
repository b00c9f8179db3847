import { CURRENT_VERSION, type SecretVersion } from '../../upstream/SecretReader.js';
import { Query } from '../query.js';
import { secretBody } from '../render.js';
import { BadRequestError, json, jsonText } from '../responses.js';
import { serializedOnce } from '../serialized.js';
import type { AgentResponse } from '../types.js';
import type { RouteContext } from './context.js';

const GET_KEYS = ['secretId', 'versionId', 'versionStage', 'refreshNow'];
const PATH_STYLE_KEYS = ['versionId', 'versionStage', 'refreshNow'];
const BATCH_KEYS = ['secretId', 'refreshNow'];

/** Most ids one `BatchGetSecretValue` call takes. */
export const MAX_BATCH_IDS = 20;

/** `GET /secretsmanager/get?secretId=…[&versionId=…][&versionStage=…][&refreshNow=true]`. */
export function getSecret(context: RouteContext, rawQuery: string): AgentResponse | Promise<AgentResponse> {
  const query = new Query(rawQuery, GET_KEYS);
  return readSecret(context, query.required('secretId'), query);
}

/** `GET /v1/<secretId>` (the Secrets Manager Agent's path style), with the same optional keys. */
export function getSecretByPath(
  context: RouteContext,
  encodedId: string,
  rawQuery: string,
): AgentResponse | Promise<AgentResponse> {
  const query = new Query(rawQuery, PATH_STYLE_KEYS);
  let id: string;
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    throw new BadRequestError('The secret id in the path is not valid URL encoding');
  }
  if (id === '') throw new BadRequestError('Missing secret id after /v1/');
  return readSecret(context, id, query);
}

/** A fresh cached value is answered at once, without a promise; anything else waits for `read`. */
function readSecret(context: RouteContext, id: string, query: Query): AgentResponse | Promise<AgentResponse> {
  const versionId = query.optional('versionId');
  const versionStage = query.optional('versionStage');
  const version: SecretVersion =
    versionId === undefined && versionStage === undefined ? CURRENT_VERSION : { versionId, versionStage };
  const refresh = query.flag('refreshNow');
  const hit = refresh ? undefined : context.secrets.cached(id, version);
  if (hit !== undefined) return jsonText(serializedOnce(hit, secretBody));
  return context.secrets.read(id, version, refresh).then((output) => jsonText(serializedOnce(output, secretBody)));
}

/**
 * `GET /secretsmanager/batch-get?secretId=a&secretId=b…[&refreshNow=true]`: the current versions of up to 20
 * secrets, `{ SecretValues: [...], Errors: [{ SecretId, ErrorCode, Message }] }`.
 */
export async function batchGetSecrets(context: RouteContext, rawQuery: string): Promise<AgentResponse> {
  const query = new Query(rawQuery, BATCH_KEYS, 'secretId');
  const ids = [...new Set(query.all('secretId'))];
  if (ids.length === 0) throw new BadRequestError("Missing required query parameter 'secretId'");
  if (ids.length > MAX_BATCH_IDS) {
    throw new BadRequestError(`At most ${MAX_BATCH_IDS} secretId values are accepted, got ${ids.length}`);
  }
  const { values, errors } = await context.secrets.readBatch(ids, query.flag('refreshNow'));
  return json({
    SecretValues: values.map(secretBody),
    Errors: errors.map((error) => ({
      SecretId: error.SecretId ?? null,
      ErrorCode: error.ErrorCode ?? null,
      Message: error.Message ?? null,
    })),
    ResultMetadata: {},
  });
}
