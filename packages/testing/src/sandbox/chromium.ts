// Real headless Chromium for tests of what Simian renders for a browser: Debian's package, made
// available by the sandbox toolchain (`build.sh chromium`, linked into the cache by version) and
// driven by playwright-core through its executablePath (playwright's own browser downloads are not
// reachable from these machines).
import { join } from 'node:path';
import { ensureTools } from '@simian/sandbox';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium executable of the toolchain cache (installed with apt on a machine's first use). */
export async function chromiumPath(): Promise<string> {
  const dirs = await ensureTools(['chromium'], (line) =>
    process.stderr.write(`[chromium] ${line}\n`),
  );
  return join(dirs.chromium, 'chromium');
}

/** A headless Chromium; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    // Root cannot use Chromium's own sandbox; the page is a local file Simian wrote.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** What a page said went wrong: console errors, uncaught exceptions, and any request it tried. */
export interface PageProblems {
  errors: string[];
  requests: string[];
}

/**
 * Records `page`'s console errors, uncaught exceptions and every request other than the file it
 * opened (a self-contained report makes none), from now on.
 */
export function watchPage(page: Page, own: string): PageProblems {
  const problems: PageProblems = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(m.text());
  });
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== own) problems.requests.push(r.url());
  });
  return problems;
}
