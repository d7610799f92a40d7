/**
 * Runs a command and measures it from outside: wall time, CPU time and peak resident memory.
 * With GNU time (`/usr/bin/time -v`) the kernel's own figures are used; without it, the peak is
 * polled from /proc/<pid>/status (VmHWM), which misses nothing because VmHWM is a high-water mark.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';

/** What one measured run took. */
export interface Measurement {
  wallMs: number;
  /** User plus system CPU time. */
  cpuMs: number;
  peakRssMiB: number;
  exitCode: number;
  /** How the peak was measured. */
  via: 'gnu-time' | 'proc-vmhwm';
}

const GNU_TIME = '/usr/bin/time';

/** Runs `command args` in `cwd`, its stdout into `stdoutFile`, and measures it. */
export async function measure(
  command: string,
  args: readonly string[],
  options: { cwd: string; stdoutFile: string; env?: NodeJS.ProcessEnv },
): Promise<Measurement> {
  const useTime = existsSync(GNU_TIME);
  const timeFile = `${options.stdoutFile}.time`;
  const argv = useTime ? ['-v', '-o', timeFile, command, ...args] : [...args];
  const out = createWriteStream(options.stdoutFile);
  await new Promise((resolve) => out.once('open', resolve));
  const started = performance.now();
  const child = spawn(useTime ? GNU_TIME : command, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', out, 'inherit'],
  });
  let peakKiB = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        void readFile(`/proc/${child.pid}/status`, 'utf8')
          .then((s) => {
            const kib = Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0);
            peakKiB = Math.max(peakKiB, kib);
          })
          .catch(() => undefined);
      }, 20);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? -1));
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  out.close();

  if (!useTime) {
    // Without GNU time there is no CPU figure of the child alone; wall and peak still hold.
    return { wallMs, cpuMs: Number.NaN, peakRssMiB: peakKiB / 1024, exitCode, via: 'proc-vmhwm' };
  }
  const report = await readFile(timeFile, 'utf8');
  await rm(timeFile, { force: true });
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(report)?.[1] ?? NaN);
  return {
    wallMs,
    cpuMs: (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000,
    peakRssMiB: field('Maximum resident set size \\(kbytes\\)') / 1024,
    exitCode: field('Exit status'),
    via: 'gnu-time',
  };
}
