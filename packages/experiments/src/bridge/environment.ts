import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SimianError, type Logger } from '@simian/core';

/** The chaoslib the bridge runs activities with: the one `chaostoolkit` 1.19 installs. */
export const BRIDGE_CHAOSLIB = 'chaostoolkit-lib==1.44.0';

/** Where Simian keeps its caches: $SIMIAN_CACHE_DIR, else $XDG_CACHE_HOME/simian, else ~/.cache/simian. */
export function simianCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SIMIAN_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'simian');
}

/**
 * A virtualenv for the Python bridge, managed by Simian: chaostoolkit-lib and the packages of
 * `requirements` (a requirements.txt, as `pip install -r` reads it), in the cache, one folder per
 * distinct set of requirements, built once (marked complete by a `.done` file written last).
 * Returns the interpreter. Needs `python3` with `venv`, and the package index, on first use.
 */
export function ensureBridgeEnvironment(options: {
  requirements?: string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}): string {
  const env = options.env ?? process.env;
  const wanted = options.requirements ? readFileSync(options.requirements, 'utf8') : '';
  const key = createHash('sha256')
    .update(`${BRIDGE_CHAOSLIB}\n${wanted}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(simianCacheDir(env), 'python-bridge', key);
  const python = join(dir, 'bin', 'python');
  if (existsSync(join(dir, '.done'))) return python;
  const step = (what: string, command: string, args: string[]) => {
    options.logger.info({ dir }, `Python bridge: ${what}...`);
    const r = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'pipe'], env });
    if (r.status !== 0) {
      throw new SimianError(
        'TARGET_ERROR',
        `Python bridge: ${what} failed: ${r.stderr?.toString().trim() || r.error?.message}`,
        {
          hint: 'the bridge needs python3 with venv (Debian: python3-venv) and access to the package index; or pass --python with an interpreter that has chaostoolkit-lib',
        },
      );
    }
  };
  step('creating a virtualenv', 'python3', ['-m', 'venv', '--clear', dir]);
  step(`installing ${BRIDGE_CHAOSLIB}`, join(dir, 'bin', 'pip'), [
    'install',
    '--disable-pip-version-check',
    '-q',
    BRIDGE_CHAOSLIB,
  ]);
  if (options.requirements) {
    step(`installing ${options.requirements}`, join(dir, 'bin', 'pip'), [
      'install',
      '--disable-pip-version-check',
      '-q',
      '-r',
      options.requirements,
    ]);
  }
  writeFileSync(join(dir, '.done'), `${BRIDGE_CHAOSLIB}\n${wanted}`);
  return python;
}
