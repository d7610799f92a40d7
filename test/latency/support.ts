// Helpers for the latency tests: the `simian` command as a process (as @simian/testing starts it:
// from source, or built under `npm test`), and small loopback servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simianEntry } from '@simian/testing/cli';

export const repo = join(import.meta.dirname, '..', '..');

/** A running `simian` process, its output so far, and its end. */
export interface SimianProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line that matches, or rejects when the process ends first. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The command line of `simian args...`: [node, ...arguments]. */
export const simianCommand = (args: string[]): string[] => [
  process.execPath,
  ...simianEntry(),
  ...args,
];

export function simian(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): SimianProcess {
  const [node, ...argv] = simianCommand(args);
  const child = spawn(node!, argv, {
    cwd: options.cwd ?? repo,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    line: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const look = () => {
          const m = pattern.exec(out);
          if (m) return resolve(m);
          if (child.exitCode !== null || child.signalCode !== null) {
            return reject(
              new Error(`simian ${args.join(' ')} ended before ${pattern}:\n${out}\n${err}`),
            );
          }
          if (Date.now() - started > timeoutMs) {
            return reject(new Error(`no ${pattern} in ${timeoutMs} ms:\n${out}\n${err}`));
          }
          setTimeout(look, 50);
        };
        look();
      }),
  };
}

/** A TCP echo server on loopback. */
export async function echoServer(host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => server.listen(0, host, r));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Waits until `check` returns something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
