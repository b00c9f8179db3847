import { defineConfig } from 'vitest/config';

// Vitest 4 no longer reads `vitest.workspace.ts`; each package is a project listed here (see docs/contributing.md).
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples', 'test/consumer'],
    coverage: {
      provider: 'v8',
      include: ['packages/parameters/src/**/*.ts', 'packages/emulator/src/**/*.ts', 'packages/agent/src/**/*.ts'],
      exclude: ['**/*.d.ts', '**/types.ts', '**/types/**'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: {
        'packages/parameters/src/**/*.ts': { lines: 90, branches: 90, functions: 90, statements: 90 },
      },
    },
  },
});
