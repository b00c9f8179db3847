/** What the demo's emulator starts with: the data a small service would keep in AWS. */
export const seed = {
  ssm: {
    parameters: [
      { name: '/demo/api-url', value: 'https://api.example.com' },
      { name: '/demo/db', type: 'SecureString', value: JSON.stringify({ host: 'db.internal', port: 5432 }) },
      { name: '/demo/limits.json', value: JSON.stringify({ rps: 50, burst: 100 }) },
    ],
  },
  secretsmanager: {
    secrets: [{ name: 'demo/db-credentials', value: { username: 'app', password: 'first-password' } }],
  },
  appconfig: {
    applications: [
      {
        name: 'demo',
        environments: [
          { name: 'prod', profiles: [{ name: 'flags', content: { newCheckout: false }, pollIntervalSeconds: 15 }] },
        ],
      },
    ],
  },
  dynamodb: {
    tables: [
      {
        name: 'demo-settings',
        partitionKey: 'id',
        sortKey: 'sk',
        items: [
          { id: 'checkout', sk: 'currency', value: 'EUR' },
          { id: 'checkout', sk: 'tax.json', value: '{"rate":0.2}' },
        ],
      },
    ],
  },
};
