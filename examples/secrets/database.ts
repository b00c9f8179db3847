// The database client of the example: a database with an HTTP API and basic authentication (CouchDB, ClickHouse and
// OpenSearch work this way). With a driver such as `pg`, only this file changes: connect with the credentials, and
// treat the driver's authentication failure (PostgreSQL's error code 28P01) as an `AuthenticationError`.
import * as z from 'zod';

/** What the database secret holds: where the database is and how to log in. */
export const DatabaseCredentials = z.object({
  url: z.url(),
  username: z.string().min(1),
  password: z.string().min(1),
});
export type DatabaseCredentials = z.infer<typeof DatabaseCredentials>;

const Order = z.object({ id: z.string(), total: z.number(), status: z.string() });
export type Order = z.infer<typeof Order>;

/** The database refused the credentials: the password may have been rotated since they were read. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/** Reads one order; `undefined` when there is none. */
export async function findOrder(credentials: DatabaseCredentials, orderId: string): Promise<Order | undefined> {
  const login = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  const response = await fetch(new URL(`orders/${encodeURIComponent(orderId)}`, credentials.url), {
    headers: { authorization: `Basic ${login}` },
  });
  if (response.status === 401) throw new AuthenticationError(`The database refused user ${credentials.username}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`The database answered HTTP ${response.status}`);
  return Order.parse(await response.json());
}
