import { ParseMemo } from '../parseMemo.js';
import { Query } from '../query.js';
import { secretBody } from '../render.js';
import { BadRequestError, json } from '../responses.js';
import { type SecretSelection, secretSelection } from '../selection.js';
import { answerOnce } from '../serialized.js';
import type { AgentResponse } from '../types.js';
import type { RouteContext } from './context.js';

const GET_KEYS = ['secretId', 'versionId', 'versionStage', 'refreshNow'];
const PATH_STYLE_KEYS = ['versionId', 'versionStage', 'refreshNow'];
const BATCH_KEYS = ['secretId', 'refreshNow'];

/** Most ids one `BatchGetSecretValue` call takes. */
export const MAX_BATCH_IDS = 20;

/** What a single secret read asks for, parsed from its query (and path). */
interface SecretRequest extends SecretSelection {
  readonly refresh: boolean;
}

const secretAnswer = answerOnce(secretBody);

/** Parsed queries of the two single-read routes, so that a repeated request is not parsed again. */
const getRequests = new ParseMemo<SecretRequest>(1024);
const pathRequests = new ParseMemo<SecretRequest>(1024);

/** `GET /secretsmanager/get?secretId=…[&versionId=…][&versionStage=…][&refreshNow=true]`. */
export function getSecret(context: RouteContext, rawQuery: string): AgentResponse | Promise<AgentResponse> {
  return readSecret(
    context,
    getRequests.get(rawQuery, () => {
      const query = new Query(rawQuery, GET_KEYS);
      return secretRequest(query.required('secretId'), query);
    }),
  );
}

/** `GET /v1/<secretId>` (the Secrets Manager Agent's path style), with the same optional keys. */
export function getSecretByPath(
  context: RouteContext,
  encodedId: string,
  rawQuery: string,
): AgentResponse | Promise<AgentResponse> {
  const parse = () => {
    const query = new Query(rawQuery, PATH_STYLE_KEYS);
    let id: string;
    try {
      id = decodeURIComponent(encodedId);
    } catch {
      throw new BadRequestError('The secret id in the path is not valid URL encoding');
    }
    if (id === '') throw new BadRequestError('Missing secret id after /v1/');
    return secretRequest(id, query);
  };
  return readSecret(context, pathRequests.get(`${encodedId}?${rawQuery}`, parse));
}

function secretRequest(id: string, query: Query): SecretRequest {
  return { ...secretSelection(id, query), refresh: query.flag('refreshNow') };
}

/** A fresh cached value is answered at once, without a promise; anything else waits for `read`. */
function readSecret(
  context: RouteContext,
  { secretId, version, refresh }: SecretRequest,
): AgentResponse | Promise<AgentResponse> {
  const hit = refresh ? undefined : context.secrets.cached(secretId, version);
  if (hit !== undefined) return secretAnswer(hit);
  return context.secrets.read(secretId, version, refresh).then(secretAnswer);
}

/**
 * `GET /secretsmanager/batch-get?secretId=a&secretId=b…[&refreshNow=true]`: the current versions of up to 20
 * secrets, `{ SecretValues: [...], Errors: [{ SecretId, ErrorCode, Message }] }`.
 */
export async function batchGetSecrets(context: RouteContext, rawQuery: string): Promise<AgentResponse> {
  const query = new Query(rawQuery, BATCH_KEYS, { repeatable: 'secretId' });
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
