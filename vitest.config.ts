import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { sandboxLaneCount } from './test/setup/lanes.js';

// Workspaces resolve each other's TypeScript source through the `@simian/source` export condition,
// so tests never need a build first and never see a stale dist (docs/architecture.md). The default
// conditions stay, or a dual package such as zod could load twice; but not `module`, which sends
// the AWS SDK to its bundler-only dist-es build that Node cannot load. Workspace packages are
// inlined, so Vite transforms their source instead of handing it to Node.
const conditions = ['@simian/source', ...defaultServerConditions.filter((c) => c !== 'module')];
// One worker per sandbox lane: test/setup/sandbox.ts.
const lanes = sandboxLaneCount();

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@simian/source'] } },
  test: {
    server: { deps: { inline: [/^@simian\//] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          environment: 'node',
          // Some unit tests load the OPA wasm bundle or spawn a process: seconds on 2 busy cores.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'sandbox',
          include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['test/bench/**'],
          environment: 'node',
          globalSetup: ['test/setup/sandbox.ts'],
          setupFiles: ['test/setup/sandbox-lane.ts'],
          // Files of one lane share its control plane and moto server, one file at a time; each
          // file resets what it uses. After the unit project (its own group: another maxWorkers).
          fileParallelism: lanes > 1,
          maxWorkers: lanes,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
