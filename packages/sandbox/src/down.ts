import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { removeSandboxFiles } from './files.js';
import { withLock } from './lock.js';
import { quiet, type SandboxOptions } from './options.js';
import { sandboxPaths, type SandboxPaths } from './paths.js';
import { readSandboxState, type ComponentName } from './state.js';
import { stopProcesses } from './stop.js';

/** What {@link sandboxDown} did. */
export interface SandboxDownResult {
  /** Components that were running and were stopped. */
  stopped: ComponentName[];
  /** Components recorded but no longer running (or their pid now runs something else). */
  alreadyGone: ComponentName[];
}

/**
 * Stops the sandbox of `cwd`: exactly the processes its state file records (and their process
 * groups), each only after checking that its pid still runs the recorded program. Then removes its
 * state, certificates and data; the logs stay. Does nothing when no sandbox is recorded.
 */
export async function sandboxDown(options: SandboxOptions = {}): Promise<SandboxDownResult> {
  const paths = sandboxPaths(options.cwd);
  if (!existsSync(paths.root)) {
    options.log?.(`sandbox: nothing to stop in ${paths.root}`);
    return { stopped: [], alreadyGone: [] };
  }
  return withLock(
    join(paths.root, '.lock'),
    `the sandbox in ${paths.root}`,
    () => down(options, paths),
    options.log,
  );
}

async function down(options: SandboxOptions, paths: SandboxPaths): Promise<SandboxDownResult> {
  const log = options.log ?? quiet;
  const state = await readSandboxState(options);
  if (!state) {
    log(`sandbox: nothing to stop in ${paths.root}`);
    return { stopped: [], alreadyGone: [] };
  }
  const stopped = await stopProcesses(state.processes);
  const alreadyGone = state.processes.map((p) => p.name).filter((n) => !stopped.includes(n));
  await removeSandboxFiles(paths);
  log(
    `sandbox: stopped ${stopped.length > 0 ? stopped.join(', ') : 'nothing (no recorded process was running)'}`,
  );
  if (alreadyGone.length > 0) log(`sandbox: already gone: ${alreadyGone.join(', ')}`);
  return { stopped, alreadyGone };
}
