import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    // Tests run against the workspace sources, so no build is needed first.
    alias: {
      '@paramkit/parameters/base': source('../parameters/src/base/index.ts'),
      '@paramkit/parameters/engine': source('../parameters/src/engine/index.ts'),
      '@paramkit/parameters/errors': source('../parameters/src/errors.ts'),
      '@paramkit/parameters/extension': source('../parameters/src/extension/index.ts'),
      '@paramkit/emulator': source('../emulator/src/index.ts'),
    },
  },
  test: {
    name: 'agent',
    include: ['test/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
