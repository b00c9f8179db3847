import { GetParameterCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ParameterNotFoundError } from '../src/errors.js';
import { SSMProvider } from '../src/ssm/index.js';

// Answers AWS never gives in normal operation, so the emulator cannot produce them: mocked at the client.
const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

const provider = () => new SSMProvider({ awsSdkV3Client: new SSMClient({ region: 'us-east-1' }) });

describe('SSMProvider edge cases', () => {
  it('treats a response without a Parameter as missing', async () => {
    ssm.on(GetParameterCommand).resolves({});
    expect(await provider().get('/odd')).toBeUndefined();
    await expect(provider().get('/odd', { throwOnMissing: true })).rejects.toBeInstanceOf(ParameterNotFoundError);
  });

  it('lists a name GetParameters leaves out of both Parameters and InvalidParameters', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/a', Value: 'A' }] });
    const result = await provider().getParametersByName({ '/a': {}, '/b': {} }, { throwOnError: false });
    expect(result).toEqual({ '/a': 'A', _errors: ['/b'] });
  });

  it('names non-Error rejections generically, never with their content', async () => {
    // A client of another make (a wrapper, a test double) may reject with anything, not only with an Error.
    const bare = {
      async send() {
        throw 's3cret-ish string';
      },
    };
    const leaky = new SSMProvider({ awsSdkV3Client: bare as unknown as SSMClient });
    const outcomes = await Promise.all(
      [leaky.get('/a'), leaky.getMultiple('/a'), leaky.getParametersByName({ '/a': {} })].map(
        (call: Promise<unknown>) =>
          call.then(
            () => undefined,
            (e: unknown) => e as Error,
          ),
      ),
    );
    expect(outcomes.map((error) => [error?.name, error?.message])).toEqual([
      ['GetParameterError', 'Error'],
      ['GetParameterError', 'Error'],
      ['GetParameterError', 'Unable to get parameters: Error'],
    ]);
  });

  it('rejects a non-object parameter list', async () => {
    await expect(provider().getParametersByName(null as unknown as Record<string, object>)).rejects.toThrow(TypeError);
  });
});
