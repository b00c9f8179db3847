import type { AgentResponse } from './types.js';

const JSON_TYPE = 'application/json';

/** A 200 (or other) answer with a JSON body. */
export function json(value: unknown, status = 200): AgentResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/** A plain-text answer. */
export function text(body: string, contentType = 'text/plain; charset=utf-8', status = 200): AgentResponse {
  return { status, contentType, body };
}

/**
 * An error answer in the AWS JSON shape, `{ "__type", "message" }`. Messages name what was wrong (a query key, a
 * secret's id), never a value or the token.
 */
export function failure(
  status: number,
  type: string,
  message: string,
  headers?: Record<string, string>,
): AgentResponse {
  const body = JSON.stringify({ __type: type, message });
  return headers === undefined
    ? { status, contentType: JSON_TYPE, body }
    : { status, contentType: JSON_TYPE, body, headers };
}

/** A 400 for a request the agent cannot read (bad or missing query keys, `X-Forwarded-For`). */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}
