// Service configuration from SSM Parameter Store. Everything lives under one path (CONFIG_PATH, e.g. /orders/prod):
//   <path>/config              SecureString holding JSON: decrypted, parsed and validated with zod
//   <path>/api-url, /banner    plain Strings, read together in one GetParameters call; the banner is optional
//   <path>/endpoints/<region>  one String per region, read as a path (GetParametersByPath)
import { getParameter, getParameters, getParametersByName } from '@paramkit/parameters/ssm';
import * as z from 'zod';

const Config = z.object({
  database: z.object({ host: z.string(), port: z.number().int().positive() }),
  maxConnections: z.number().int().positive(),
});

/** The validated configuration: what `Config` outputs. */
export type Config = z.infer<typeof Config>;

export interface SettingsResult {
  config: Config;
  apiUrl: string;
  /** `undefined` when the parameter does not exist: the handler works without it. */
  banner: string | undefined;
  /** The endpoint of the region the function runs in, from `<path>/endpoints/<region>`. */
  endpoint: string | undefined;
  /** Names `getParametersByName` could not return (missing, or failed to fetch). */
  missing: string[];
}

export const handler = async (): Promise<SettingsResult> => {
  const path = process.env.CONFIG_PATH ?? '/orders/prod';

  // Cached for 5 minutes; a value that fails the schema throws SchemaValidationError (naming the failing fields,
  // never the value) and is not cached.
  const config = await getParameter(`${path}/config`, {
    decrypt: true,
    transform: 'json',
    schema: Config,
    maxAge: 300,
    throwOnMissing: true,
  });

  // Values found fresh in the cache are not fetched; the others go out in one GetParameters call. With
  // `throwOnError: false`, a missing name is listed in `_errors` instead of failing the whole call.
  const {
    [`${path}/api-url`]: apiUrl,
    [`${path}/banner`]: banner,
    _errors: missing = [],
  } = await getParametersByName<string>(
    { [`${path}/api-url`]: {}, [`${path}/banner`]: { maxAge: 30 } },
    { maxAge: 300, throwOnError: false },
  );
  if (apiUrl === undefined) throw new Error(`Parameter ${path}/api-url is required`);

  // Every page of GetParametersByPath; names come back relative to the path ('eu-west-1', 'us-east-1', ...). The
  // type is `| undefined`, as in Powertools.
  const endpoints = await getParameters(`${path}/endpoints`, { maxAge: 300 });
  const region = process.env.AWS_REGION ?? 'us-east-1';

  return { config, apiUrl, banner, endpoint: endpoints?.[region], missing };
};
