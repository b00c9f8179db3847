import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // Tests run against the emulator's source, so no build is needed first.
    alias: { '@paramkit/emulator': fileURLToPath(new URL('../emulator/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'parameters',
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
