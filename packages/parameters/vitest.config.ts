import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // Tests run against the emulator's source, so no build is needed first.
    // The agent (run by the conformance suite for the extension providers) is read from source too, on this
    // package's source, so one BaseProvider is under test.
    alias: {
      '@paramkit/emulator': fileURLToPath(new URL('../emulator/src/index.ts', import.meta.url)),
      '@paramkit/parameters/base': fileURLToPath(new URL('src/base/index.ts', import.meta.url)),
      '@paramkit/parameters/errors': fileURLToPath(new URL('src/errors.ts', import.meta.url)),
      '@paramkit/parameters/engine': fileURLToPath(new URL('src/engine/index.ts', import.meta.url)),
    },
  },
  test: {
    name: 'parameters',
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
