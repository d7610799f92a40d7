import { execFile, spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { TargetError } from '@simian/core';
import type { ComponentName, ProcessRecord } from './state.js';

const run = promisify(execFile);

/** Environment variable set on every sandbox process, with the sandbox folder as its value. */
export const sandboxMarker = 'SIMIAN_SANDBOX_ROOT';

/**
 * Pids of the processes whose environment carries `SIMIAN_SANDBOX_ROOT=<root>`: every process of
 * that sandbox, recorded or not. Linux only (reads /proc); elsewhere it returns an empty list.
 */
export async function processesMarkedWith(root: string): Promise<number[]> {
  const needle = `\0${sandboxMarker}=${root}\0`;
  let entries: string[];
  try {
    entries = (await readdir('/proc')).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const found: number[] = [];
  await Promise.all(
    entries.map(async (pid) => {
      try {
        const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
        if (`\0${environ}\0`.includes(needle)) found.push(Number(pid));
      } catch {
        // gone meanwhile, or not ours to read
      }
    }),
  );
  return found.sort((a, b) => a - b);
}

/** How to start one component. */
export interface LaunchSpec {
  name: ComponentName;
  /** Absolute path of the executable. */
  command: string;
  args: string[];
  /** Extra environment on top of this process's own. */
  env?: Record<string, string>;
  /** Receives stdout and stderr (truncated first). */
  logFile: string;
}

/** Running process as the kernel sees it: argv and start time, or nothing if gone or a zombie. */
interface ProcessSnapshot {
  argv: string[];
  startTicks?: number;
}

/** Field 22 of /proc/<pid>/stat, read after the `(comm)` field which may contain spaces. */
export function parseProcStat(stat: string): { state: string; startTicks: number } {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field 22 is rest[19].
  return { state: rest[0] ?? '?', startTicks: Number(rest[19]) };
}

const hasProc = (async () => {
  try {
    await readFile('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
})();

async function snapshot(pid: number): Promise<ProcessSnapshot | undefined> {
  if (await hasProc) {
    try {
      const [stat, cmdline] = await Promise.all([
        readFile(`/proc/${pid}/stat`, 'utf8'),
        readFile(`/proc/${pid}/cmdline`, 'utf8'),
      ]);
      const { state, startTicks } = parseProcStat(stat);
      if (state === 'Z' || state === 'X') return undefined;
      return { argv: cmdline.split('\0').filter((a) => a !== ''), startTicks };
    } catch {
      return undefined;
    }
  }
  // Not Linux (macOS): ps gives the command line; the start time check is skipped.
  try {
    const { stdout } = await run('ps', ['-o', 'stat=,args=', '-p', String(pid)], {
      encoding: 'utf8',
    });
    const [state, ...argv] = stdout.trim().split(/\s+/);
    if (!state || state.startsWith('Z')) return undefined;
    return { argv };
  } catch {
    return undefined;
  }
}

/**
 * Whether the recorded process still runs the same program: same pid, same executable in argv[0]
 * or argv[1] (a script run by its interpreter), and the same start time where the OS tells it.
 */
export async function isRecordedProcessRunning(record: ProcessRecord): Promise<boolean> {
  const seen = await snapshot(record.pid);
  if (!seen) return false;
  if (
    record.startTicks !== undefined &&
    seen.startTicks !== undefined &&
    seen.startTicks !== record.startTicks
  ) {
    return false;
  }
  return seen.argv.slice(0, 2).some((arg) => basename(arg) === record.executable);
}

/**
 * Starts a component in its own session and process group, detached from this process, so it
 * outlives the CLI that started it and `down` can signal the whole group.
 */
export async function launchDetached(
  spec: LaunchSpec,
  executable = basename(spec.command),
): Promise<ProcessRecord> {
  const out = openSync(spec.logFile, 'w');
  try {
    const child = spawn(spec.command, spec.args, {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, ...spec.env },
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child.pid as number));
    }).catch((error: NodeJS.ErrnoException) => {
      throw new TargetError(`could not start ${spec.name} (${spec.command}): ${error.message}`, {
        hint: 'The toolchain cache may be damaged: delete its folder under ~/.cache/simian and run up again.',
        cause: error,
      });
    });
    child.unref();
    const seen = await snapshot(pid);
    const record: ProcessRecord = { name: spec.name, pid, executable, logFile: spec.logFile };
    if (seen?.startTicks !== undefined) record.startTicks = seen.startTicks;
    return record;
  } finally {
    closeSync(out);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a recorded process and its process group: SIGTERM, then SIGKILL after `graceMs`. Does
 * nothing when the pid no longer runs the recorded program (it exited, or the pid was reused).
 * @returns whether it was running.
 */
export async function stopRecordedProcess(
  record: ProcessRecord,
  graceMs = 10_000,
): Promise<boolean> {
  if (!(await isRecordedProcessRunning(record))) return false;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-record.pid, sig);
    } catch {
      // The group leader may be gone while the check above passed; try the pid itself.
      try {
        process.kill(record.pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!(await isRecordedProcessRunning(record))) return true;
    await sleep(100);
  }
  signal('SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (Date.now() < killDeadline && (await isRecordedProcessRunning(record))) await sleep(50);
  return true;
}

/** The last lines of a component's log, to say why it did not come up. */
export async function logTail(file: string, lines = 20): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
