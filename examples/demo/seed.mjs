/** What the demo's emulator starts with: the data a small service would keep in AWS. */
export const seed = {
  ssm: {
    parameters: [
      { name: '/demo/api-url', value: 'https://api.example.com' },
      { name: '/demo/db', type: 'SecureString', value: JSON.stringify({ host: 'db.internal', port: 5432 }) },
      { name: '/demo/limits.json', value: JSON.stringify({ rps: 50, burst: 100 }) },
      { name: '/demo/region', value: 'eu-west-1' },
    ],
  },
};
