// Setup file of the `sandbox` test project (runs in the worker, before each test file): points the
// file at its lane's sandbox (test/setup/sandbox.ts explains the lanes). A worker's lane is its
// VITEST_POOL_ID (1 to maxWorkers, one worker per lane). Lane 1's sandbox is the one the global
// setup started and provided; the first file of lane k > 1 in a run starts (or reuses) and seeds
// that lane's sandbox, and records it, so the lane's later files use it as it is and the global
// teardown stops it if this run started it.
import { inject } from 'vitest';
import { readSandboxState, sandboxPaths, sandboxSeed, sandboxUp } from '@simian/sandbox';
import { readLaneRecord, writeLaneRecord } from './lanes.js';

const lanes = inject('sandboxLanes');
const run = inject('sandboxRun');
const lane = Number(process.env['VITEST_POOL_ID'] ?? '1');
const cwd = lanes[lane - 1];
if (cwd === undefined) {
  throw new Error(`worker ${lane} has no sandbox lane: there are ${lanes.length}`);
}

if (lane > 1) {
  const log = (line: string) => process.stderr.write(`[sandbox lane ${lane}] ${line}\n`);
  const record = readLaneRecord(cwd);
  if (record?.run !== run || !record.ready) {
    const up = await sandboxUp({ cwd, log });
    const started = (record?.run === run && record.started) || !up.reused;
    // Recorded before seeding, so the teardown stops a sandbox this run started even if seeding
    // fails (the next file of the lane then seeds again).
    writeLaneRecord(cwd, { run, started, ready: false });
    await sandboxSeed({ cwd, log });
    writeLaneRecord(cwd, { run, started, ready: true });
  }
  const state = await readSandboxState({ cwd });
  if (!state) throw new Error(`sandbox lane ${lane}: no sandbox recorded in ${cwd}`);
  // inject() reads the worker's provided context, which vitest fills from the global setup's
  // provide() with lane 1's sandbox; this file's lane replaces it. Vitest has no public per-worker
  // provide, hence its internal worker state; the check below fails loudly, rather than letting
  // two lanes share a sandbox, if a vitest upgrade moves it.
  const provided = (globalThis as { __vitest_worker__?: { providedContext?: object } })
    .__vitest_worker__?.providedContext;
  if (provided) {
    Object.assign(provided, {
      sandboxCwd: cwd,
      sandboxKubeconfig: sandboxPaths(cwd).kubeconfig,
      sandboxAwsEndpoint: state.awsEndpoint,
    });
  }
  if (inject('sandboxCwd') !== cwd || inject('sandboxAwsEndpoint') !== state.awsEndpoint) {
    throw new Error(
      `sandbox lane ${lane}: could not point inject('sandboxCwd') at ${cwd} (has vitest's worker state moved?)`,
    );
  }
}
