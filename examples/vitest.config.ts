import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'examples',
    include: ['test/**/*.test.ts'],
    // The examples run against the built packages, as a user's code would; `npm test` builds before testing.
    testTimeout: 60_000,
    // The AWS SDK warns that its next releases need Node.js 22; the examples run on 20 on purpose.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
