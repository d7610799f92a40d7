// The sandbox lanes of one test run, shared by the global setup (test/setup/sandbox.ts) and the
// per-file setup (test/setup/sandbox-lane.ts). Lane 1 is the sandbox of the project folder (or of
// SIMIAN_SANDBOX_CWD); lane k > 1 is an independent sandbox (its own control plane, moto, ports
// and folders) under <that folder>/.simian/lanes/<k>/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How many sandbox lanes, so how many test files run at once: SIMIAN_SANDBOX_LANES, default 1
 * (docs/architecture.md, Tests, says why lanes are not the default yet).
 * Read by vitest.config.ts (the sandbox project's maxWorkers) and by the setups.
 */
export function sandboxLaneCount(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['SIMIAN_SANDBOX_LANES'] ?? '1';
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`SIMIAN_SANDBOX_LANES must be a whole number from 1 up, not "${text}"`);
  }
  return count;
}

/** The folder whose `.simian/sandbox/` is lane `lane`'s sandbox (lanes count from 1). */
export function laneCwd(firstCwd: string, lane: number): string {
  return lane === 1 ? firstCwd : join(firstCwd, '.simian', 'lanes', String(lane));
}

/**
 * What a run recorded about a lane: which run, whether this run started its sandbox (so the
 * teardown stops only that), and whether it is seeded (so a later file of the lane neither starts
 * nor seeds it again).
 */
export interface LaneRecord {
  run: string;
  started: boolean;
  ready: boolean;
}

function recordFile(cwd: string): string {
  return join(cwd, '.simian', 'lane-run.json');
}

export function readLaneRecord(cwd: string): LaneRecord | undefined {
  const file = recordFile(cwd);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as LaneRecord;
}

export function writeLaneRecord(cwd: string, record: LaneRecord): void {
  writeFileSync(recordFile(cwd), JSON.stringify(record));
}
