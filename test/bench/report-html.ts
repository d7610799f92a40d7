/**
 * The HTML report's benchmark: 50,000 findings (the made-up estate of the reporting tests, with
 * waivers, two runs in an in-memory store so there are changes and a trend) rendered into one HTML
 * file, then opened in headless Chromium (Debian's, from the sandbox toolchain) until the summary
 * and the first page of findings are drawn. Targets: render under 2 s, open under 3 s. Each figure
 * is the median of 3 runs. Writes the `report-html` section of docs/performance.md.
 *
 *   npm run bench:report
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Store } from '@simian/core';
import { complianceFromStore, renderReport } from '@simian/reporting';
import { launchChromium } from '@simian/testing/sandbox';
import { estateFindings, ESTATE_RULES } from '../../packages/reporting/src/__fixtures__/estate.js';
import { writePerformanceSection } from './performance-doc.js';

const COUNT = Number(process.env['BENCH_FINDINGS'] ?? 50_000);
const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The wall time of `fn`, and the CPU time of this process meanwhile (ms, every thread: GC too). */
const time = <T>(fn: () => T): [T, number, number] => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const cpu = process.cpuUsage(c0);
  return [out, performance.now() - t0, (cpu.user + cpu.system) / 1000];
};

const store = new Store(':memory:');
store.recordFindings('bench-1', estateFindings(COUNT, 1), '2026-11-01T10:00:00.000Z', 'security');
store.recordFindings('bench-2', estateFindings(COUNT), '2026-11-02T10:00:00.000Z', 'security');

const build: number[] = [];
const render: number[] = [];
const buildCpu: number[] = [];
const renderCpu: number[] = [];
const load = loadavg()[0]!;
let html = '';
let shown = 0;
for (let i = 0; i < RUNS; i++) {
  const [{ report }, b, bc] = time(() =>
    complianceFromStore(store, { rules: ESTATE_RULES, now: new Date('2026-11-02T12:00:00Z') }),
  );
  const [text, r, rc] = time(() => renderReport('html', { kind: 'compliance', data: report! }));
  build.push(b);
  render.push(r);
  buildCpu.push(bc);
  renderCpu.push(rc);
  html = text;
  shown = report!.findings.length;
}
store.close();

const dir = mkdtempSync(join(tmpdir(), 'simian-bench-report-'));
const file = join(dir, 'report.html');
writeFileSync(file, html);
const bytes = statSync(file).size;
const browser = await launchChromium();
const open: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const t0 = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('#findings-body tr.finding');
    open.push(performance.now() - t0);
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ms: number, limit: number) => (ms < limit ? 'under' : '**over**');
const body = `## The HTML report (${COUNT.toLocaleString('en-US')} findings)

${COUNT.toLocaleString('en-US')} findings of ${ESTATE_RULES.length - 1} rules (one in eleven waived), recorded by two
runs in an in-memory store, so the report has changes and a trend: ${shown.toLocaleString('en-US')} findings in the
report, one HTML file of ${(bytes / 1024 / 1024).toFixed(1)} MiB. Median of ${RUNS} runs on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version},
load average ${load.toFixed(1)} when it started. The CPU column is this process's CPU time (every
thread, the garbage collector's too): on a machine shared with other work it is the steadier figure.

| step | median | CPU | target |
| --- | ---: | ---: | --- |
| the report from the store (history, statuses, scores, groups) | ${s(median(build))} | ${s(median(buildCpu))} | |
| the HTML rendered from the report | ${s(median(render))} | ${s(median(renderCpu))} | |
| both: ${COUNT.toLocaleString('en-US')} findings into HTML | ${s(median(build) + median(render))} | ${s(median(buildCpu) + median(renderCpu))} | ${verdict(median(build) + median(render), 2000)} 2 s |
| opened in headless Chromium until the first page of findings is drawn | ${s(median(open))} | | ${verdict(median(open), 3000)} 3 s |

The list draws 200 rows at a time from the embedded data, so opening costs parsing the data, not
laying out 50,000 rows. The first step reads only the current scans' rows in full (their ids and
bodies, no other column), takes the ids the store recorded instead of hashing again, and sorts by
one number per finding (each distinct rule and ref ranked once by the collator). The baseline is
never read into objects: SQLite finds the new and the gone findings on an index of each scan's
ids (store migration 5), and past scans are scored from counts kept when they were recorded
(migration 6). What is left is mostly parsing the current run's 50,000 finding bodies, first and
last seen of every finding, and the garbage collector. Run it again with
\`npm run bench:report\` (\`BENCH_FINDINGS=N\` for another size).`;
process.stdout.write(`${body}\n`);
await writePerformanceSection(
  join(import.meta.dirname, '../../docs/performance.md'),
  'report-html',
  body,
);
