import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'consumer',
    include: ['*.test.ts'],
    // Packs the built packages and installs them with npm: `npm test` builds before the tests run.
    hookTimeout: 180_000,
    testTimeout: 90_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
