import { Readable } from 'node:stream';

/** One answer as the emulator sent it, before the SDK read it. */
export interface RecordedAnswer {
  /** The operation: the `x-amz-target` suffix, or for a REST service what `operationOf` made of the request. */
  readonly operation: string;
  readonly status: number;
  /** The error code (`x-amzn-errortype` without its namespace and `:` suffix), for an error. */
  readonly errorType: string | undefined;
  readonly body: string;
}

interface HttpRequestLike {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

interface HandlerLike {
  handle(request: HttpRequestLike, options?: unknown): Promise<{ response: HttpResponseLike }>;
}

/**
 * Makes `client` record every answer it receives, body included, while the SDK still reads it as usual: the body
 * is buffered and handed on as a fresh stream.
 */
export function recordAnswers(
  client: { config: { requestHandler: unknown } },
  operationOf: (request: HttpRequestLike) => string = (request) =>
    (request.headers['x-amz-target'] ?? '').split('.').pop() ?? '',
): RecordedAnswer[] {
  const answers: RecordedAnswer[] = [];
  const handler = client.config.requestHandler as HandlerLike;
  const handle = handler.handle.bind(handler);
  handler.handle = async (request, options) => {
    const result = await handle(request, options);
    const { response } = result;
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    response.body = Readable.from([bytes]);
    const errorType = response.headers['x-amzn-errortype']?.split(':')[0]?.split('#').pop();
    answers.push({
      operation: operationOf(request),
      status: response.statusCode,
      errorType: response.statusCode >= 300 ? errorType : undefined,
      body: bytes.toString('utf8'),
    });
    return result;
  };
  return answers;
}

/** Runs `steps` one after another, letting each fail (errors are answers too); returns what was answered meanwhile. */
export async function answersOf(
  answers: RecordedAnswer[],
  steps: readonly (() => Promise<unknown>)[],
): Promise<RecordedAnswer[]> {
  answers.length = 0;
  for (const step of steps) await step().catch(() => undefined);
  return [...answers];
}
