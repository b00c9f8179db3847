import type { GetParameterCommandOutput } from '@aws-sdk/client-ssm';
import { ParseMemo } from '../parseMemo.js';
import { Query } from '../query.js';
import { parameterBody } from '../render.js';
import { json } from '../responses.js';
import { type ParameterSelection, parameterSelection } from '../selection.js';
import { answerOnce } from '../serialized.js';
import type { AgentResponse } from '../types.js';
import type { RouteContext } from './context.js';

const GET_KEYS = ['name', 'version', 'label', 'withDecryption', 'refreshNow'];
const BY_PATH_KEYS = ['path', 'recursive', 'withDecryption', 'refreshNow'];

const parameterAnswer = (output: GetParameterCommandOutput) => ({
  Parameter: parameterBody(output.Parameter),
  ResultMetadata: {},
});

/** Parsed queries of `/systemsmanager/parameters/get`, so that a repeated request is not parsed again. */
const getRequests = new ParseMemo<ParameterSelection & { readonly refresh: boolean }>(1024);

/** `GET /systemsmanager/parameters/get?name=…[&version=N | &label=L][&withDecryption=true][&refreshNow=true]`. */
export function getParameter(context: RouteContext, rawQuery: string): AgentResponse | Promise<AgentResponse> {
  const {
    name: fullName,
    decrypt,
    refresh,
  } = getRequests.get(rawQuery, () => {
    const query = new Query(rawQuery, GET_KEYS);
    return { ...parameterSelection(query.required('name'), query), refresh: query.flag('refreshNow') };
  });
  // A fresh cached value is answered at once, without a promise.
  const hit = refresh ? undefined : context.ssm.cached(fullName, decrypt);
  if (hit !== undefined) return answerOnce(hit, parameterAnswer);
  return context.ssm.read(fullName, decrypt, refresh).then((output) => answerOnce(output, parameterAnswer));
}

/**
 * `GET /systemsmanager/parameters/get-by-path?path=…[&recursive=true][&withDecryption=true][&refreshNow=true]`:
 * every parameter under the path (all pages), `{ Parameters: [...] }`.
 */
export async function getParametersByPath(context: RouteContext, rawQuery: string): Promise<AgentResponse> {
  const query = new Query(rawQuery, BY_PATH_KEYS);
  const path = query.required('path');
  const parameters = await context.ssm.readPath(
    path,
    query.flag('recursive'),
    query.flag('withDecryption'),
    query.flag('refreshNow'),
  );
  return json({ Parameters: Object.values(parameters).map(parameterBody), ResultMetadata: {} });
}
