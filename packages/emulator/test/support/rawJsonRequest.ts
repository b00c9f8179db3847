/** The content type of AWS's JSON 1.0 protocol (DynamoDB). */
export const AWS_JSON_1_0 = 'application/x-amz-json-1.0';
/** The content type of AWS's JSON 1.1 protocol (SSM, Secrets Manager). */
export const AWS_JSON_1_1 = 'application/x-amz-json-1.1';

/** What a raw JSON-protocol request answered. */
export interface RawJsonResponse {
  readonly status: number;
  readonly contentType: string | null;
  /** The `x-amzn-errortype` header, when the answer is an error. */
  readonly errorType: string | null;
  readonly json: Record<string, unknown>;
}

/**
 * Sends one AWS JSON-protocol request (`x-amz-target` plus a JSON body) as it is given, for inputs the SDK would
 * never produce: malformed JSON, wrongly typed members, unknown operations.
 */
export async function rawJsonRequest(
  endpoint: string,
  request: { target: string; contentType: string; body: string },
): Promise<RawJsonResponse> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': request.contentType, 'x-amz-target': request.target },
    body: request.body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    errorType: response.headers.get('x-amzn-errortype'),
    json: (await response.json()) as Record<string, unknown>,
  };
}
