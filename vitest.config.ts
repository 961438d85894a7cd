import { defineConfig } from 'vitest/config';

// Two projects, run one after the other by `npm test`: fast unit/integration tests in parallel, then the suites that
// start real hosts (n8n processes, the Zapier CLI) or push thousands of requests, one file at a time so that two
// n8n instances never fight over 2 cores.
const heavy = ['test/e2e/**/*.test.ts', 'test/reliability/**/*.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/test/**/*.test.ts', 'n8n-nodes/test/**/*.test.ts', 'zapier-app/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...heavy, '**/node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: heavy,
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 20 * 60_000,
        },
      },
    ],
  },
});
