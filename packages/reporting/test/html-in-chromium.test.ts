// The HTML report of a seeded sandbox run, opened in real headless Chromium: the conformity monkey
// plans against the sandbox's seeded cluster (twice, so there is a trend), `simian report` renders
// the store into one HTML file (and a PDF printed by Chromium), and the browser shows the summary,
// makes no request and logs no error, and its filters change which findings are listed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { simian } from '@simian/testing/cli';
import { chromiumPath, launchChromium, watchPage } from '@simian/testing/sandbox';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const kubeconfig = inject('sandboxKubeconfig');
const dir = mkdtempSync(join(tmpdir(), 'simian-report-html-'));
/** Where the screenshot docs/reporting.md shows is written when SIMIAN_UPDATE_DOCS=1. */
const DOCS_SHOT = join(import.meta.dirname, '../../../docs/images/report-html.png');
let browser: Browser;
let chromium: string;

beforeAll(async () => {
  writeFileSync(
    join(dir, 'simian.yaml'),
    `version: 1
store: { path: simian.db }
log: { level: warn }
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [storefront, playground, ledger, payments] }
monkeys:
  conformity:
    enabled: true
`,
  );
  chromium = await chromiumPath();
  for (let i = 0; i < 2; i++) {
    const plan = await simian(['plan', '-o', 'json'], dir);
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
  }
  const report = await simian(
    ['report', '--format', 'html', '--format', 'pdf', '--format', 'json', '--out', 'out'],
    dir,
    { SIMIAN_CHROMIUM: chromium },
  );
  expect({ code: report.code, stderr: report.stderr }).toEqual({ code: 0, stderr: '' });
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

interface JsonReport {
  summary: { open: number; waived: number; bySeverity: Record<string, number> };
  findings: Array<{ severity: string; status: string; resource: { namespace?: string } }>;
}
const json = () =>
  JSON.parse(readFileSync(join(dir, 'out/simian-report.json'), 'utf8')) as JsonReport;

async function open(): Promise<{ page: Page; problems: ReturnType<typeof watchPage> }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(join(dir, 'out/simian-report.html')).href;
  const problems = watchPage(page, url);
  await page.goto(url);
  await page.waitForSelector('#findings-body tr.finding');
  return { page, problems };
}
const matching = async (page: Page) =>
  Number(await page.getAttribute('#shown-count', 'data-matching'));
const column = (page: Page, attribute: string) =>
  page.$$eval(
    `#findings-body tr.finding`,
    (rows, a) => rows.map((r) => r.getAttribute(a)),
    attribute,
  );

describe('the HTML report in headless Chromium', () => {
  it('shows the summary of the seeded findings, with no console error and no request', async () => {
    const { page, problems } = await open();
    const data = json();
    expect(data.summary.open).toBeGreaterThan(0);
    expect(await page.textContent('#summary .verdict')).toContain(
      `${data.summary.open} open finding`,
    );
    expect(await page.textContent('[data-summary="open"] .n')).toBe(String(data.summary.open));
    expect(await page.textContent('[data-summary="critical"] .n')).toBe(
      String(data.summary.bySeverity['critical'] ?? 0),
    );
    // the default list: open and waived findings
    expect(await matching(page)).toBe(data.summary.open + data.summary.waived);
    expect(await page.locator('#trends svg').count()).toBeGreaterThan(0);
    const shot = await page.screenshot({ fullPage: false });
    expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (process.env['SIMIAN_UPDATE_DOCS'] === '1') writeFileSync(DOCS_SHOT, shot);
    expect(problems).toEqual({ errors: [], requests: [] });
    await page.close();
  });

  it('filters by severity, namespace and search change what is listed', async () => {
    const { page, problems } = await open();
    const data = json();
    const all = await matching(page);
    // severity: only high and critical
    for (const s of ['medium', 'low', 'info'])
      await page.uncheck(`#f-severity input[value="${s}"]`);
    const severe = data.findings.filter(
      (f) => f.status !== 'resolved' && (f.severity === 'high' || f.severity === 'critical'),
    ).length;
    expect(severe).toBeGreaterThan(0);
    expect(severe).toBeLessThan(all);
    expect(await matching(page)).toBe(severe);
    expect(new Set(await column(page, 'data-severity'))).toEqual(
      new Set(
        data.findings
          .filter((f) => f.severity === 'high' || f.severity === 'critical')
          .map((f) => f.severity),
      ),
    );
    for (const s of ['medium', 'low', 'info']) await page.check(`#f-severity input[value="${s}"]`);
    expect(await matching(page)).toBe(all);
    // namespace
    await page.selectOption('#f-place', 'playground');
    const inPlayground = data.findings.filter(
      (f) => f.status !== 'resolved' && f.resource.namespace === 'playground',
    ).length;
    expect(inPlayground).toBeGreaterThan(0);
    expect(await matching(page)).toBe(inPlayground);
    // a search nothing matches
    await page.fill('#f-search', 'no-such-resource-anywhere');
    expect(await matching(page)).toBe(0);
    expect(await page.textContent('#findings-body')).toContain('No finding matches these filters.');
    // a row opens to show its evidence
    await page.fill('#f-search', '');
    await page.click('#findings-body tr.finding');
    expect(await page.locator('#findings-body tr.detail').count()).toBe(1);
    expect(await page.textContent('#findings-body tr.detail')).toContain('ref: ');
    expect(problems).toEqual({ errors: [], requests: [] });
    await page.close();
  });

  it('the PDF is the same report printed by Chromium', () => {
    const pdf = readFileSync(join(dir, 'out/simian-report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});
