// Global setup of the `sandbox` test project. The project's files run in lanes, SIMIAN_SANDBOX_LANES
// of them (default 1; vitest.config.ts gives the project as many workers): each lane is one vitest
// worker running its files one after another against a sandbox of its own, so files of different
// lanes never share a control plane or a moto server, and files of one lane share them as before
// (each file resets what it uses). Most sandbox files mostly wait (cron slots, grace periods,
// leases, processes starting), so two lanes nearly halve the phase even on 2 cores.
//
// Lane 1 is the sandbox of the project folder, started here: a healthy sandbox that is already
// running (`simian sandbox up`) is reused and left running; one started here is taken down at the
// end, unless SIMIAN_SANDBOX_KEEP=1. SIMIAN_SANDBOX_CWD=<folder> uses the sandbox of another folder
// instead (an isolated one, while a benchmark loads the repository's own). Lane k > 1 lives under
// <that folder>/.simian/lanes/<k>/ and is started by test/setup/sandbox-lane.ts when the first file
// of that lane runs (a run of one file starts one sandbox), with the same reuse and keep rules;
// its teardown is here. Tests read their lane's sandbox with `inject('sandboxCwd' |
// 'sandboxKubeconfig' | 'sandboxAwsEndpoint')` (test/setup/provided-context.d.ts).
import type { TestProject } from 'vitest/node';
import { sandboxDown, sandboxPaths, sandboxSeed, sandboxUp } from '@simian/sandbox';
import { laneCwd, readLaneRecord, sandboxLaneCount } from './lanes.js';

const log = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);
let startedIn: string | undefined;
let otherLanes: string[] = [];
const run = `${process.pid}-${Date.now()}`;

export async function setup(project: TestProject): Promise<void> {
  const cwd = process.env.SIMIAN_SANDBOX_CWD || project.config.root;
  const lanes = Array.from({ length: sandboxLaneCount() }, (_, i) => laneCwd(cwd, i + 1));
  otherLanes = lanes.slice(1);
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
  project.provide('sandboxLanes', lanes);
  project.provide('sandboxRun', run);
}

export async function teardown(): Promise<void> {
  const keep = process.env.SIMIAN_SANDBOX_KEEP === '1';
  const ours = otherLanes.filter((cwd) => {
    const record = readLaneRecord(cwd);
    return record?.run === run && record.started;
  });
  if (startedIn !== undefined) ours.unshift(startedIn);
  if (keep) {
    for (const cwd of ours) {
      log(`SIMIAN_SANDBOX_KEEP=1: leaving the sandbox in ${sandboxPaths(cwd).root} running`);
    }
    return;
  }
  await Promise.all(ours.map((cwd) => sandboxDown({ cwd, log })));
}
