import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    // Tests run against the workspace sources, so no build is needed first.
    alias: {
      '@paramkit/parameters/appconfig': source('../parameters/src/appconfig/index.ts'),
      '@paramkit/parameters/config': source('../parameters/src/config/index.ts'),
      '@paramkit/parameters/engine': source('../parameters/src/engine/index.ts'),
      '@paramkit/parameters/errors': source('../parameters/src/errors.ts'),
      '@paramkit/parameters/secrets': source('../parameters/src/secrets/index.ts'),
      '@paramkit/parameters/ssm': source('../parameters/src/ssm/index.ts'),
      '@paramkit/emulator': source('../emulator/src/index.ts'),
    },
  },
  test: {
    name: 'middy',
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
