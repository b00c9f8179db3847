import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import middy from '@middy/core';
import type { JSONValue } from '@paramkit/parameters';
import { defineConfig, secret as secretEntry, ssm as ssmEntry } from '@paramkit/parameters/config';
import type { Context } from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import appConfig, { appConfigReq } from '../src/appconfig.js';
import { configMiddleware } from '../src/index.js';
import secretsManager, { secret } from '../src/secrets-manager.js';
import ssm, { ssmParam } from '../src/ssm.js';

describe('middleware types', () => {
  it('configMiddleware types context (with setToContext) and internal from the declaration', () => {
    const config = defineConfig({ url: ssmEntry('/app/url'), db: secretEntry('app/db', { transform: 'json' }) });
    middy()
      .use(configMiddleware(config, { setToContext: true }))
      .before((request) => {
        expectTypeOf(request.internal.url).toEqualTypeOf<string>();
      })
      .handler(async (_event, context) => {
        expectTypeOf(context.url).toEqualTypeOf<string>();
        expectTypeOf(context.db).toEqualTypeOf<JSONValue>();
        expectTypeOf(context.awsRequestId).toEqualTypeOf<string>();
      });
    middy()
      .use(configMiddleware(config))
      .handler(async (_event, context) => {
        expectTypeOf(context).toEqualTypeOf<Context>();
      });
  });

  it('drop-ins type values with their hints, as middy does', () => {
    middy()
      .use(
        ssm({ fetchData: { limits: ssmParam<{ rps: number }>('/app/limits'), url: '/app/url' }, setToContext: true }),
      )
      .use(secretsManager({ fetchData: { db: secret<{ password: string }>('app/db') }, setToContext: true }))
      .use(
        appConfig({
          fetchData: {
            flags: appConfigReq<{ beta: boolean }>({
              ApplicationIdentifier: 'shop',
              EnvironmentIdentifier: 'prod',
              ConfigurationProfileIdentifier: 'flags',
            }),
          },
          setToContext: true,
        }),
      )
      .handler(async (_event, context) => {
        expectTypeOf(context.limits).toEqualTypeOf<{ rps: number }>();
        expectTypeOf(context.url).toEqualTypeOf<unknown>();
        expectTypeOf(context.db).toEqualTypeOf<{ password: string }>();
        expectTypeOf(context.flags).toEqualTypeOf<{ beta: boolean }>();
      });
    // SDK client classes (and subclasses of them, as X-Ray or a test makes) as `AwsClient`, as middy takes them.
    class TracedSsm extends SSMClient {}
    ssm({ AwsClient: SSMClient, awsClientCapture: (client) => client });
    ssm({ AwsClient: TracedSsm });
    secretsManager({ AwsClient: SecretsManagerClient });
    appConfig({ AwsClient: AppConfigDataClient });
    // @ts-expect-error: cacheExpiry is a number of milliseconds
    ssm({ fetchData: {}, cacheExpiry: '1m' });
  });
});
