import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'examples',
    include: ['test/**/*.test.ts'],
    // The examples run against the built packages, as a user's code would; `npm test` builds before testing.
    testTimeout: 60_000,
  },
});
