import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Each test spawns the built bin (a Node.js start and an SDK import): slower than an in-process test.
    testTimeout: 30_000,
  },
});
