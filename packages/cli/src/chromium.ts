import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SimianError } from '@simian/core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Headless Chromium: `$SIMIAN_CHROMIUM`, else Debian's `chromium` (or another usual path). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['SIMIAN_CHROMIUM'];
  if (given) {
    if (!existsSync(given))
      throw new SimianError('INPUT_INVALID', `SIMIAN_CHROMIUM=${given} does not exist`);
    return given;
  }
  const found = CANDIDATES.find((c) => existsSync(c));
  if (!found) {
    throw new SimianError(
      'INPUT_INVALID',
      'a PDF is printed by headless Chromium, and none was found',
      {
        hint: 'apt-get install chromium (or bash packages/sandbox/toolchain/build.sh chromium), or set SIMIAN_CHROMIUM',
      },
    );
  }
  return found;
}

/**
 * The flags Chromium runs headless with here: no sandbox as root (it refuses to start otherwise),
 * and none of its background connections (updates, sync, safe browsing), which a closed network
 * refuses and which a report has no use for.
 */
export function chromiumFlags(userDataDir: string): string[] {
  return [
    '--headless',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    `--user-data-dir=${userDataDir}`,
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}

/**
 * Prints `html` to the PDF file `out` with headless Chromium (`--print-to-pdf`): the report the
 * HTML format shows, with no pandoc and no LaTeX. Throws with Chromium's own words when it fails.
 */
export async function printPdf(html: string, out: string, timeoutMs = 120_000): Promise<void> {
  const chromium = findChromium();
  const dir = mkdtempSync(join(tmpdir(), 'simian-pdf-'));
  try {
    const page = join(dir, 'report.html');
    writeFileSync(page, html);
    const args = [
      ...chromiumFlags(join(dir, 'profile')),
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(err);
        else
          reject(
            new SimianError(
              'INPUT_INVALID',
              `Chromium could not print the PDF (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`,
            ),
          );
      });
    });
    if (!existsSync(out) || readFileSync(out).subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new SimianError(
        'INPUT_INVALID',
        `Chromium wrote no PDF to ${out}: ${stderr.trim().split('\n').slice(-3).join(' ')}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
