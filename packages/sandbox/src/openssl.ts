import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SimianError } from '@simian/core';

const run = promisify(execFile);

/** Runs the `openssl` CLI; a missing binary becomes an error that says what to install. */
export async function openssl(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('openssl', args, { cwd, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new SimianError(
        'WIRING',
        'the sandbox needs the openssl command, which is not on PATH',
        {
          hint: 'Install it (Debian/Ubuntu: apt-get install openssl; macOS: brew install openssl).',
          cause: error,
        },
      );
    }
    throw new SimianError(
      'TARGET_ERROR',
      `openssl ${args[0]} failed: ${e.stderr?.trim() ?? e.message}`,
      {
        cause: error,
      },
    );
  }
}
