// Feature flags from AWS AppConfig. A feature-flag configuration profile serves JSON such as
//   { "newCheckout": { "enabled": true }, "cartLimit": { "enabled": true, "maxItems": 50 } }
// which is parsed and validated here. A new deployment reaches the function on the first invocation after both
// `maxAge` (since the value was cached) and the profile's poll interval (since the last poll) have passed.
import { getAppConfig } from '@paramkit/parameters/appconfig';
import * as z from 'zod';

const Flag = z.object({ enabled: z.boolean() });
const Flags = z.object({
  newCheckout: Flag,
  cartLimit: Flag.extend({ maxItems: z.number().int().positive() }),
});

/** The validated flags: what `Flags` outputs. */
export type Flags = z.infer<typeof Flags>;

export interface CartEvent {
  items: number;
}

export interface CartResult {
  checkout: 'new' | 'classic';
  accepted: boolean;
}

export const handler = async (event: CartEvent): Promise<CartResult> => {
  const flags = await getAppConfig(process.env.APPCONFIG_PROFILE ?? 'flags', {
    application: process.env.APPCONFIG_APPLICATION, // a name or an id; without it, POWERTOOLS_SERVICE_NAME
    environment: process.env.APPCONFIG_ENVIRONMENT ?? 'prod',
    transform: 'json',
    schema: Flags,
    maxAge: 30,
    throwOnMissing: true,
  });
  const limit = flags.cartLimit.enabled ? flags.cartLimit.maxItems : Number.POSITIVE_INFINITY;
  return { checkout: flags.newCheckout.enabled ? 'new' : 'classic', accepted: event.items <= limit };
};
