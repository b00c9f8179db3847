/** An SDK error as the tests inspect it: name, message, and the HTTP status and request id the SDK recorded. */
export type SdkError = Error & { $metadata?: { httpStatusCode?: number; requestId?: string } };

/** The error `promise` rejects with, failing the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
