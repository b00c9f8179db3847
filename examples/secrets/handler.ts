// Database credentials from Secrets Manager, with rotation handled: the credentials are cached for five minutes, and
// when the database refuses them (the password was rotated since they were cached) the current version is read once
// with `forceFetch` and the query retried once.
import { createHmac } from 'node:crypto';
import { getSecret, getSecretsByName } from '@paramkit/parameters/secrets';
import { AuthenticationError, DatabaseCredentials, findOrder, type Order } from './database.js';

/** The same options on every read of the credentials, so every read shares one cache entry. */
const CREDENTIALS = { transform: 'json', schema: DatabaseCredentials, maxAge: 300 } as const;
const SIGNING_KEY = { maxAge: 300 } as const;

export interface OrderEvent {
  orderId: string;
}

export interface OrderResult {
  order: Order | undefined;
  /** HMAC-SHA256 of the order with the signing key from Secrets Manager: its receiver can check its origin. */
  signature: string | undefined;
}

export const handler = async (event: OrderEvent): Promise<OrderResult> => {
  const databaseSecret = requiredEnv('DB_SECRET_ID');
  const signingKeySecret = requiredEnv('SIGNING_KEY_SECRET_ID');

  // Cold start: both secrets in one BatchGetSecretValue call. It fills the cache that the typed reads below use.
  await getSecretsByName({ [databaseSecret]: CREDENTIALS, [signingKeySecret]: SIGNING_KEY });
  const signingKey = await getSecret(signingKeySecret, { ...SIGNING_KEY, throwOnMissing: true });

  const order = await withDatabase(databaseSecret, (credentials) => findOrder(credentials, event.orderId));
  const signature = order && createHmac('sha256', signingKey).update(JSON.stringify(order)).digest('hex');
  return { order, signature };
};

/**
 * Runs `query` with the cached credentials. If the database refuses them, reads the current version of the secret
 * (one GetSecretValue call, which also refreshes the cache for later invocations) and tries once more.
 */
async function withDatabase<T>(secretId: string, query: (credentials: DatabaseCredentials) => Promise<T>): Promise<T> {
  const cached = await getSecret(secretId, { ...CREDENTIALS, throwOnMissing: true });
  try {
    return await query(cached);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    const current = await getSecret(secretId, { ...CREDENTIALS, forceFetch: true, throwOnMissing: true });
    return query(current);
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
