import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ssm: 'src/ssm.ts',
    'secrets-manager': 'src/secrets-manager.ts',
    appconfig: 'src/appconfig.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  external: [/^@aws-sdk\//, /^@smithy\//, /^@paramkit\//, /^@middy\//],
});
