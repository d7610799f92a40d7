import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { OpaNotFoundError, PolicyBuildError } from './errors.js';

/**
 * Finds the opa binary: `$SIMIAN_OPA`, then `opa` on PATH, then the Simian toolchain cache
 * (`$SIMIAN_CACHE_DIR`, `$XDG_CACHE_HOME/simian` or `~/.cache/simian`, `opa-<version>/bin/opa`,
 * highest version first). Returns undefined when there is none.
 */
export function findOpa(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['SIMIAN_OPA']) return executable(env['SIMIAN_OPA']) ? env['SIMIAN_OPA'] : undefined;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir && executable(join(dir, 'opa'))) return join(dir, 'opa');
  }
  const cache =
    env['SIMIAN_CACHE_DIR'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'simian');
  let versions: string[];
  try {
    versions = readdirSync(cache).filter((d) => /^opa-v?\d/.test(d));
  } catch {
    return undefined;
  }
  versions.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  for (const v of versions) {
    const bin = join(cache, v, 'bin', 'opa');
    if (executable(bin)) return bin;
  }
  return undefined;
}

/** Like {@link findOpa}, but throws an {@link OpaNotFoundError} that says how to get opa. */
export function requireOpa(what: string, env: NodeJS.ProcessEnv = process.env): string {
  const opa = findOpa(env);
  if (!opa) throw new OpaNotFoundError(what);
  return opa;
}

/** Runs opa and returns its stdout; a non-zero exit becomes a {@link PolicyBuildError} with opa's own message. */
export function runOpa(opa: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(opa, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = (stderr || stdout || error.message).trim();
        reject(new PolicyBuildError(`opa ${args[0] ?? ''} failed:\n${detail}`, { cause: error }));
      } else {
        resolve(stdout);
      }
    });
  });
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
