import { detachPrototypes, emptyRecord, MAX_JSON_DEPTH, nestsDeeperThan } from './jsonTree.js';
import type { EmulatorRequest, EmulatorResponse } from './types.js';

/** An error that a service throws to answer with an AWS-shaped error (`__type` + `message`). */
export class AwsServiceError extends Error {
  override name = 'AwsServiceError';
  constructor(
    /** AWS error code as the SDK maps it to an exception class, e.g. `ParameterNotFound`. */
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members of the error body (AWS adds some to a few errors). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The `X-Amz-Target` operation of a JSON 1.0/1.1 request when its prefix is `targetPrefix`. */
export function jsonTarget(request: EmulatorRequest, targetPrefix: string): string | undefined {
  if (request.method !== 'POST') return undefined;
  const target = request.headers['x-amz-target'];
  if (!target?.startsWith(`${targetPrefix}.`)) return undefined;
  return target.slice(targetPrefix.length + 1);
}

/**
 * Parses a JSON protocol request body into an object, answering malformed input as AWS does. Objects in the result
 * have no prototype (see `detachPrototypes`). A body nested deeper than `MAX_JSON_DEPTH` is refused with
 * `tooDeep()`, by default a `SerializationException`; a service whose model names such an error passes its own.
 */
export function parseJsonBody(
  request: EmulatorRequest,
  tooDeep: () => AwsServiceError = () =>
    new AwsServiceError('SerializationException', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`),
): Record<string, unknown> {
  const text = new TextDecoder().decode(request.body);
  if (text.trim() === '') return emptyRecord();
  // Checked on the text, before parsing: see `nestsDeeperThan` for why.
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw tooDeep();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsServiceError('SerializationException', 'The request body must be a JSON object.');
  }
  detachPrototypes(parsed);
  return parsed as Record<string, unknown>;
}

/** A JSON protocol success response. */
export function jsonResponse(body: unknown, contentType = 'application/x-amz-json-1.1'): EmulatorResponse {
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}

/**
 * A JSON protocol error response, with the error code both in the body and the `x-amzn-ErrorType` header. The
 * message goes in `messageMember`: services spell it as their model does (`message` in DynamoDB, `Message` in
 * Secrets Manager's own errors); errors of AWS's front end (`ValidationException`, `SerializationException`) keep
 * `message`.
 */
export function jsonErrorResponse(
  error: AwsServiceError,
  contentType = 'application/x-amz-json-1.1',
  messageMember: 'message' | 'Message' = 'message',
): EmulatorResponse {
  return {
    status: error.status,
    headers: { 'content-type': contentType, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, [messageMember]: error.message, ...error.extra }),
  };
}

/** A REST-JSON protocol error response (AppConfigData): `Message`, as AppConfigData's model spells it. */
export function restJsonErrorResponse(error: AwsServiceError): EmulatorResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
    body: JSON.stringify({ Message: error.message, ...error.extra }),
  };
}
