/**
 * Settings for an SDK client pointed at an emulator endpoint: dummy credentials, and one attempt (no retries), so
 * tests see each error as the emulator sent it.
 */
export function clientConfig(endpoint: string): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
} {
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
}
