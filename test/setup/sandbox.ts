// Global setup of the `sandbox` test project: one sandbox per test run. A healthy sandbox that is
// already running (`simian sandbox up`) is reused and left running; one started here is taken
// down at the end, unless SIMIAN_SANDBOX_KEEP=1. SIMIAN_SANDBOX_CWD=<folder> uses the sandbox of
// another folder (an isolated one, while a benchmark loads the repository's own).
import type { TestProject } from 'vitest/node';
import { sandboxDown, sandboxPaths, sandboxSeed, sandboxUp } from '@simian/sandbox';

const log = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);
let startedIn: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const cwd = process.env.SIMIAN_SANDBOX_CWD || project.config.root;
  const up = await sandboxUp({ cwd, log });
  if (!up.reused) startedIn = cwd;
  try {
    await sandboxSeed({ cwd, log });
  } catch (error) {
    // Vitest does not run teardown when setup throws: do not leave a sandbox behind.
    await teardown();
    throw error;
  }
  project.provide('sandboxCwd', cwd);
  project.provide('sandboxKubeconfig', sandboxPaths(cwd).kubeconfig);
  project.provide('sandboxAwsEndpoint', up.state.awsEndpoint);
}

export async function teardown(): Promise<void> {
  if (startedIn === undefined) return;
  if (process.env.SIMIAN_SANDBOX_KEEP === '1') {
    log(`SIMIAN_SANDBOX_KEEP=1: leaving the sandbox in ${sandboxPaths(startedIn).root} running`);
    return;
  }
  await sandboxDown({ cwd: startedIn, log });
}
