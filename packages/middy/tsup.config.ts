import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ssm: 'src/ssm.ts',
    'secrets-manager': 'src/secretsManager.ts',
    appconfig: 'src/appConfig.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  external: [/^@aws-sdk\//, /^@smithy\//, /^@paramkit\//, /^@middy\//],
});
