import type { GetParameterCommandOutput, Parameter } from '@aws-sdk/client-ssm';
import { ParseMemo } from '../parseMemo.js';
import { Query } from '../query.js';
import { parameterBody } from '../render.js';
import { type ParameterSelection, parameterSelection } from '../selection.js';
import { answerOnce } from '../serialized.js';
import type { AgentResponse } from '../types.js';
import type { RouteContext } from './context.js';

const GET_KEYS = ['name', 'version', 'label', 'withDecryption', 'refreshNow'];
const BY_PATH_KEYS = ['path', 'recursive', 'withDecryption', 'refreshNow'];

const parameterAnswer = answerOnce((output: GetParameterCommandOutput) => ({
  Parameter: parameterBody(output.Parameter),
  ResultMetadata: {},
}));

const pathAnswer = answerOnce((parameters: Record<string, Parameter>) => ({
  Parameters: Object.values(parameters).map(parameterBody),
  ResultMetadata: {},
}));

/** Parsed queries of `/systemsmanager/parameters/get`, so that a repeated request is not parsed again. */
const getRequests = new ParseMemo<ParameterSelection & { readonly refresh: boolean }>(1024);

/** What a path read asks for, parsed from its query. */
interface PathRequest {
  readonly path: string;
  readonly recursive: boolean;
  readonly decrypt: boolean;
  readonly refresh: boolean;
}

/** Parsed queries of `/systemsmanager/parameters/get-by-path`. */
const pathRequests = new ParseMemo<PathRequest>(1024);

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
  if (hit !== undefined) return parameterAnswer(hit);
  return context.ssm.read(fullName, decrypt, refresh).then(parameterAnswer);
}

/**
 * `GET /systemsmanager/parameters/get-by-path?path=…[&recursive=true][&withDecryption=true][&refreshNow=true]`:
 * every parameter under the path (all pages), `{ Parameters: [...] }`. A fresh cached path is answered at once,
 * with the answer made when it was first read.
 */
export function getParametersByPath(context: RouteContext, rawQuery: string): AgentResponse | Promise<AgentResponse> {
  const { path, recursive, decrypt, refresh } = pathRequests.get(rawQuery, () => {
    const query = new Query(rawQuery, BY_PATH_KEYS);
    return {
      path: query.required('path'),
      recursive: query.flag('recursive'),
      decrypt: query.flag('withDecryption'),
      refresh: query.flag('refreshNow'),
    };
  });
  const hit = refresh ? undefined : context.ssm.cachedPath(path, recursive, decrypt);
  if (hit !== undefined) return pathAnswer(hit);
  return context.ssm.readPath(path, recursive, decrypt, refresh).then(pathAnswer);
}
