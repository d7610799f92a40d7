// The fuzz suite's CLI process: loads `simian` once, then runs one case per message, in-process,
// exactly as `main.ts` would (same runCli, same argv, same cwd and environment), capturing what it
// writes to stdout and stderr. The parent kills it when a case outlives its time bound.
import { DEFAULT_INPUT_LIMITS, setInputLimits } from '@simian/core';
import { loadRegistry, runCli } from '@simian/cli';
import type { CaseReply, CaseRequest } from './harness.js';

let current: { stderr: string[] } | undefined;

// An error that escapes a command (a promise nobody awaited) would print a trace and end the real
// process: here it is the case's failure.
const escaped = (kind: string) => (e: unknown) => {
  const text = `HARNESS: ${kind}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
  if (current) current.stderr.push(text);
  else process.send?.({ id: -1, code: -1, stdout: '', stderr: text, ms: 0 } satisfies CaseReply);
};
process.on('uncaughtException', escaped('uncaught exception'));
process.on('unhandledRejection', escaped('unhandled rejection'));

process.on('message', (message: CaseRequest) => {
  void runCase(message).then((reply) => process.send?.(reply));
});

async function runCase(c: CaseRequest): Promise<CaseReply> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  current = { stderr };
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const capture =
    (into: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  for (const [k, v] of Object.entries(c.env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.chdir(c.cwd);
  setInputLimits(DEFAULT_INPUT_LIMITS);
  process.stdout.write = capture(stdout) as typeof process.stdout.write;
  process.stderr.write = capture(stderr) as typeof process.stderr.write;
  const started = performance.now();
  let code: number;
  try {
    code = await runCli(['node', 'simian', ...c.args]);
  } catch (e) {
    code = -1;
    stderr.push(`HARNESS: runCli threw: ${e instanceof Error ? e.stack : String(e)}\n`);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.chdir(savedCwd);
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    current = undefined;
  }
  return {
    id: c.id,
    code,
    stdout: stdout.join(''),
    stderr: stderr.join(''),
    ms: performance.now() - started,
  };
}

// Load now what the commands load lazily, so that a case's time bound measures the case, not the
// import of every package on its first use (a real process pays that once, at its start).
await Promise.all([
  loadRegistry(),
  import('@simian/policy'),
  import('@simian/reporting'),
  import('@simian/experiments'),
]);
process.send?.({ id: 0, code: 0, stdout: 'ready', stderr: '', ms: 0 } satisfies CaseReply);
