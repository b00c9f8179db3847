// Settings from DynamoDB, in two tables:
//   SETTINGS_TABLE         partition key `id`; one value per item      ({ id: 'maintenance', value: false })
//   TENANT_SETTINGS_TABLE  partition key `id`, sort key `sk`; one partition per tenant, one item per setting
//                          ({ id: 'acme', sk: 'plan', value: 'pro' },
//                           { id: 'acme', sk: 'limits.json', value: '{"rps":50}' })
import { DynamoDBProvider } from '@paramkit/parameters/dynamodb';
import * as z from 'zod';

// Created on the first invocation (the table names come from the environment); their SDK clients likewise.
let settings: DynamoDBProvider | undefined;
let tenantSettings: DynamoDBProvider | undefined;

/** A tenant's settings after the `auto` transform: `limits.json` arrives parsed, `seats` as a number. */
const TenantSettings = z.object({
  plan: z.enum(['free', 'pro', 'enterprise']),
  seats: z.number().int().nonnegative(),
  'limits.json': z.object({ rps: z.number().positive() }),
});

export interface TenantEvent {
  tenant: string;
}

export type TenantResult =
  | { found: true; maintenance: boolean; plan: string; seats: number; rps: number }
  | { found: false; maintenance: boolean };

export const handler = async (event: TenantEvent): Promise<TenantResult> => {
  settings ??= new DynamoDBProvider({ tableName: requiredEnv('SETTINGS_TABLE') });
  tenantSettings ??= new DynamoDBProvider({ tableName: requiredEnv('TENANT_SETTINGS_TABLE') });

  // GetItem of one item's `value`: a boolean here, unmarshalled. Cached for a minute.
  const maintenance = (await settings.get('maintenance', { maxAge: 60 })) === true;

  // Query of the tenant's partition, every page: { plan: 'pro', seats: 12, 'limits.json': { rps: 50 } }. `auto`
  // parses the values of sort keys ending in `.json` (and decodes `.binary`); numbers come back as numbers.
  const values = await tenantSettings.getMultiple(event.tenant, { transform: 'auto', maxAge: 300 });
  if (values === undefined || Object.keys(values).length === 0) return { found: false, maintenance };
  const tenant = TenantSettings.parse(values);
  return { found: true, maintenance, plan: tenant.plan, seats: tenant.seats, rps: tenant['limits.json'].rps };
};

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
