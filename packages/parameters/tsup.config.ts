import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** One entry per subpath export in package.json (`./ssm` → `ssm/index`, `./ssm/types` → `types/SSMProvider`). */
const entries = [
  'index',
  'errors',
  'base/index',
  'types/BaseProvider',
  'ssm/index',
  'types/SSMProvider',
  'secrets/index',
  'types/SecretsProvider',
  'appconfig/index',
  'types/AppConfigProvider',
  'appconfig-agent/index',
  'types/AppConfigAgent',
  'dynamodb/index',
  'types/DynamoDBProvider',
  'extension/index',
  'config/index',
  'engine/index',
];

export default defineConfig({
  entry: Object.fromEntries(
    entries.filter((name) => existsSync(`src/${name}.ts`)).map((name) => [name, `src/${name}.ts`]),
  ),
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  external: [/^@aws-sdk\//, /^@smithy\//],
});
