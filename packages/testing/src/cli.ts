// Runs the `simian` command as a process, so CLI tests meet the command as users do: from source
// (tsx with the @simian/source condition) by default, so a test run needs no build and never sees
// a stale dist; `npm test`, which builds first, sets SIMIAN_TEST_CLI=dist and runs the built
// command users run, which starts in about half the time (no TypeScript to load per process).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'packages/cli/src/main.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const BIN = join(ROOT, 'packages/cli/bin/simian.js');

/** Node's arguments that start `simian` (before the command's own): built, or from source. */
export function simianEntry(): string[] {
  return process.env['SIMIAN_TEST_CLI'] === 'dist'
    ? [BIN]
    : ['--conditions=@simian/source', '--import', TSX, MAIN];
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `simian ARGS` in `cwd`, with `$SIMIAN_CONFIG` unset so only `--config` or ./simian.yaml count,
 * and `env` added to the environment.
 */
export function simian(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return startSimian(args, cwd, env).result;
}

/** `simian ARGS` as `simian` does it, with the process at hand (a test may kill it). */
export function startSimian(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): { child: ChildProcess; result: Promise<CliResult> } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!('SIMIAN_CONFIG' in env)) delete childEnv['SIMIAN_CONFIG'];
  const child = spawn(process.execPath, [...simianEntry(), ...args], {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result };
}
