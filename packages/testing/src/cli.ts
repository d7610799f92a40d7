// Runs the `simian` command as a process, from source (tsx with the @simian/source condition), so
// CLI tests meet the command as users do, need no build and never see a stale dist.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'packages/cli/src/main.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

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
  const child = spawn(
    process.execPath,
    ['--conditions=@simian/source', '--import', TSX, MAIN, ...args],
    { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
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
