import { defineConfig } from 'vitest/config';

// Workspaces resolve each other's TypeScript source through the `@simian/source` export condition,
// so tests never need a build first (DESIGN.md habit 8).
const resolve = { conditions: ['@simian/source'] };

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ['@simian/source'], externalConditions: ['@simian/source'] } },
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        test: {
          name: 'sandbox',
          include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['test/bench/**'],
          environment: 'node',
          globalSetup: ['test/setup/sandbox.ts'],
          // Files share one control plane and one moto server; each file resets what it uses.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 900_000,
        },
      },
      {
        resolve,
        test: {
          name: 'bench',
          include: ['test/bench/**/*.bench.ts'],
          benchmark: { include: ['test/bench/**/*.bench.ts'] },
        },
      },
    ],
  },
});
