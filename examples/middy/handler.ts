// An orders API handler on middy, configured by one paramkit declaration:
//   <CONFIG_PATH>/config        SecureString holding JSON, decrypted and validated with zod
//   <CONFIG_PATH>/api-url       a String; <CONFIG_PATH>/banner an optional String
//   DB_SECRET_ID, SIGNING_KEY_SECRET_ID   two secrets, read in one BatchGetSecretValue call
//   APPCONFIG_*                 the feature flags profile
// and the drop-in for @middy/ssm reading <CONFIG_PATH>/endpoints/ as a path, as an existing middy handler would.
// Everything is prefetched during INIT; warm invocations make no AWS call until maxAge (5 minutes) runs out.
import middy from '@middy/core';
import { configMiddleware } from '@paramkit/middy';
import ssm from '@paramkit/middy/ssm';
import { appConfig, defineConfig, ssm as parameter, secret } from '@paramkit/parameters/config';
import * as z from 'zod';

const path = process.env.CONFIG_PATH ?? '/orders/prod';

const ServiceConfig = z.object({
  database: z.object({ host: z.string(), port: z.number().int().positive() }),
  maxConnections: z.number().int().positive(),
});
const Database = z.object({ url: z.string(), username: z.string(), password: z.string() });
const Flags = z.object({ newCheckout: z.object({ enabled: z.boolean() }) });

export const config = defineConfig(
  {
    service: parameter(`${path}/config`, { decrypt: true, transform: 'json', schema: ServiceConfig }),
    apiUrl: parameter(`${path}/api-url`),
    banner: parameter(`${path}/banner`).optional(),
    database: secret(process.env.DB_SECRET_ID ?? 'orders/db', { transform: 'json', schema: Database }),
    signingKey: secret(process.env.SIGNING_KEY_SECRET_ID ?? 'orders/signing-key'),
    flags: appConfig(
      {
        application: process.env.APPCONFIG_APPLICATION ?? 'shop',
        environment: process.env.APPCONFIG_ENVIRONMENT ?? 'prod',
        profile: process.env.APPCONFIG_PROFILE ?? 'flags',
      },
      { transform: 'json', schema: Flags },
    ),
  },
  { maxAge: 300 },
);

export interface OrderEvent {
  orderId: string;
}

export interface OrderResult {
  orderId: string;
  apiUrl: string;
  banner: string;
  databaseHost: string;
  checkout: 'new' | 'classic';
  endpoints: Record<string, unknown>;
  signed: boolean;
}

export const handler = middy<OrderEvent>()
  .use(configMiddleware(config, { setToContext: true }))
  .use(ssm({ fetchData: { endpoints: `${path}/endpoints/` }, setToContext: true, cacheExpiry: 300_000 }))
  .handler(async (event, context): Promise<OrderResult> => {
    // Typed by the declaration: context.service is ServiceConfig's output, context.banner string | undefined.
    return {
      orderId: event.orderId,
      apiUrl: context.apiUrl,
      banner: context.banner ?? '',
      databaseHost: context.service.database.host,
      checkout: context.flags.newCheckout.enabled ? 'new' : 'classic',
      endpoints: context.endpoints as Record<string, unknown>,
      signed: typeof context.signingKey === 'string' && context.signingKey.length > 0,
    };
  });
