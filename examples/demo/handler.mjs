// A Lambda handler as a user writes it: nothing here knows about the emulator or the demo.
import { createHash } from 'node:crypto';
import { getAppConfig } from '@paramkit/parameters/appconfig';
import { DynamoDBProvider } from '@paramkit/parameters/dynamodb';
import { getSecret } from '@paramkit/parameters/secrets';
import { getParameter, getParametersByName } from '@paramkit/parameters/ssm';

// Settings change rarely: read once, cached for five minutes.
export const settings = new DynamoDBProvider({ tableName: 'demo-settings' });

export const handler = async () => {
  const { '/demo/api-url': apiUrl, '/demo/limits.json': limits } = await getParametersByName(
    { '/demo/api-url': {}, '/demo/limits.json': { transform: 'json' } },
    { maxAge: 5 },
  );
  const db = await getParameter('/demo/db', { decrypt: true, transform: 'json', throwOnMissing: true });
  const credentials = await getSecret('demo/db-credentials', { transform: 'json', maxAge: 5 });
  const flags = await getAppConfig('flags', { application: 'demo', environment: 'prod', transform: 'json' });
  const checkout = await settings.getMultiple('checkout', { transform: 'auto', maxAge: 300 });
  return {
    apiUrl,
    rps: limits.rps,
    db: `${db.host}:${db.port}`,
    // Never print a secret: a fingerprint shows that it changed.
    password: createHash('sha256').update(credentials.password).digest('hex').slice(0, 8),
    newCheckout: flags.newCheckout,
    currency: checkout.currency,
  };
};
