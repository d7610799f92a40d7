import type {
  ExperimentJournalView,
  JournalActivity,
  JournalsReport,
} from '../journals/journal-model.js';
import { groupedBars } from './charts.js';
import { esc } from './escape.js';
import { page } from './compliance-page.js';

const OUTPUT_LIMIT = 4000;

/**
 * Experiment journals (Simian's and Chaos Toolkit's) as one HTML document: per experiment its
 * outcome, the hypothesis with its probes before and after, each activity's timing and output on a
 * timeline, rollbacks, and the load test's latency percentiles as a chart. Printed by headless
 * Chromium, the same page is the PDF report (no pandoc, no LaTeX).
 */
export function journalsHtml(report: JournalsReport): string {
  const overview = `<section id="overview"><h2>Experiments</h2><table><thead><tr><th>experiment</th><th>outcome</th><th>ran with</th><th>started</th><th class="num">seconds</th></tr></thead><tbody>${report.journals
    .map(
      (j, i) =>
        `<tr><td><a href="#experiment-${i}">${esc(j.title)}</a></td><td>${badge(j.outcome)}</td><td>${esc(j.producer)} ${esc(j.producerVersion)}</td><td>${esc(j.start ?? '')}</td><td class="num">${j.duration === undefined ? '' : j.duration.toFixed(1)}</td></tr>`,
    )
    .join('')}</tbody></table>
<p class="verdict">${summaryLine(report.journals)}</p></section>`;
  const body = [overview, ...report.journals.map((j, i) => experimentSection(j, i))].join('\n');
  return page(
    report.title,
    `generated ${esc(report.generatedAt.replace('T', ' ').slice(0, 19))} UTC · ${report.journals.length} journal${report.journals.length === 1 ? '' : 's'}`,
    body,
  );
}

function summaryLine(journals: readonly ExperimentJournalView[]): string {
  const passed = journals.filter((j) => j.outcome === 'passed').length;
  return esc(
    `${passed} of ${journals.length} experiment${journals.length === 1 ? '' : 's'} held their steady state${passed === journals.length ? '.' : `; ${journals.length - passed} did not.`}`,
  );
}

function badge(outcome: string): string {
  const cls = outcome === 'passed' ? 'st-pass' : 'st-fail';
  return `<span class="st ${cls}">${esc(outcome)}</span>`;
}

function experimentSection(j: ExperimentJournalView, index: number): string {
  const start = j.start ? Date.parse(j.start) : undefined;
  const parts = [
    `<p>${badge(j.outcome)} <span class="muted">status ${esc(j.status)}${j.deviated ? ', deviated' : ''} · ${esc(j.producer)} ${esc(j.producerVersion)} · ${esc(j.file)}</span></p>`,
    j.description ? `<p>${esc(j.description)}</p>` : '',
    j.tags.length ? `<p class="muted">tags: ${j.tags.map(esc).join(', ')}</p>` : '',
    `<h3>Hypothesis: ${esc(j.hypothesis.title)}</h3>`,
    probesTable('Before the method', j.hypothesis.before),
    probesTable('After the method', j.hypothesis.after),
    `<h3>Method</h3>`,
    timeline(j, start),
    activitiesTable(j.method, start),
    `<h3>Rollbacks</h3>`,
    j.rollbacks.length
      ? activitiesTable(j.rollbacks, start)
      : '<p class="muted">No rollback ran.</p>',
  ];
  if (j.latency.length > 0) {
    const unit = j.latency[0]!.unit;
    parts.push(
      `<h3>Latency percentiles</h3>`,
      groupedBars(
        'Latency percentiles of the load test',
        j.latency
          .filter((l) => l.unit === unit)
          .map((l) => ({
            label: l.activity,
            bars: l.values.map((v) => ({ key: v.percentile, value: v.value })),
          })),
        unit,
      ),
      `<table><thead><tr><th>activity</th>${[...new Set(j.latency.flatMap((l) => l.values.map((v) => v.percentile)))].map((p) => `<th class="num">${esc(p)}</th>`).join('')}</tr></thead><tbody>${j.latency
        .map(
          (l) =>
            `<tr><td>${esc(l.activity)}</td>${l.values.map((v) => `<td class="num">${esc(v.value)} ${esc(l.unit)}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody></table>`,
    );
  }
  return `<section id="experiment-${index}" class="experiment"><h2>${esc(j.title)}</h2>${parts.join('\n')}</section>`;
}

function probesTable(title: string, state: ExperimentJournalView['hypothesis']['before']): string {
  if (!state) return `<p class="muted">${esc(title)}: not checked.</p>`;
  const met = state.met === null ? 'not decided' : state.met ? 'met' : 'not met';
  const rows = state.probes
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}</td><td>${esc(p.provider)}</td><td>${esc(p.status)}</td><td>${p.toleranceMet === undefined ? '' : p.toleranceMet ? '<span class="st st-pass">within tolerance</span>' : '<span class="st st-fail">outside tolerance</span>'}</td><td class="num">${p.duration === undefined ? '' : p.duration.toFixed(3)}</td><td>${output(p)}</td></tr>`,
    )
    .join('');
  return `<p><strong>${esc(title)}</strong>: steady state ${esc(met)}.</p><table><thead><tr><th>probe</th><th>provider</th><th>status</th><th>tolerance</th><th class="num">seconds</th><th>output</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function activitiesTable(list: readonly JournalActivity[], start: number | undefined): string {
  if (list.length === 0) return '<p class="muted">No activity ran.</p>';
  const rows = list
    .map(
      (a) =>
        `<tr><td>${esc(a.name)}</td><td>${esc(a.type)}</td><td>${esc(a.provider)}</td><td>${a.status === 'succeeded' ? '<span class="st st-pass">succeeded</span>' : `<span class="st st-fail">${esc(a.status)}</span>`}</td><td class="num">${offset(a.start, start)}</td><td class="num">${a.duration === undefined ? '' : a.duration.toFixed(3)}</td><td>${output(a)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>activity</th><th>type</th><th>provider</th><th>status</th><th class="num">at s</th><th class="num">seconds</th><th>output</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function offset(at: string | undefined, start: number | undefined): string {
  if (!at || start === undefined) return '';
  const t = Date.parse(at);
  return Number.isNaN(t) ? '' : ((t - start) / 1000).toFixed(2);
}

function output(a: JournalActivity): string {
  const parts: string[] = [];
  if (a.exception?.length)
    parts.push(`<pre>${esc(a.exception.join('').slice(0, OUTPUT_LIMIT))}</pre>`);
  if (a.output !== undefined && a.output !== null) {
    const text = typeof a.output === 'string' ? a.output : JSON.stringify(a.output, null, 2);
    parts.push(
      `<details><summary>output (${text.length} chars)</summary><pre>${esc(text.slice(0, OUTPUT_LIMIT))}${text.length > OUTPUT_LIMIT ? '\n…' : ''}</pre></details>`,
    );
  }
  return parts.join('');
}

/** The method's activities on a time axis: when each started and how long it took. */
function timeline(j: ExperimentJournalView, start: number | undefined): string {
  const items = [...j.method, ...j.rollbacks]
    .map((a) => ({ a, t: a.start ? Date.parse(a.start) : NaN, d: a.duration ?? 0 }))
    .filter((x) => !Number.isNaN(x.t));
  if (items.length === 0 || start === undefined) return '';
  const end = Math.max(...items.map((x) => x.t + x.d * 1000), start + 1);
  const span = end - start;
  const W = 640;
  const labelW = 200;
  const rowH = 20;
  const rows = items
    .map((x, i) => {
      const left = labelW + ((x.t - start) / span) * (W - labelW - 10);
      const width = Math.max(2, ((x.d * 1000) / span) * (W - labelW - 10));
      const color = x.a.status === 'succeeded' ? '#3b6ea8' : '#d9534f';
      return `<text x="${labelW - 6}" y="${i * rowH + 14}" text-anchor="end" class="axis">${esc(x.a.name.slice(0, 30))}</text><rect x="${left.toFixed(1)}" y="${i * rowH + 4}" width="${width.toFixed(1)}" height="12" fill="${color}"><title>${esc(x.a.name)}: ${x.d.toFixed(3)} s</title></rect>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${items.length * rowH + 20}" role="img" aria-label="Timeline"><title>Timeline of the activities</title>${rows}<text x="${labelW}" y="${items.length * rowH + 16}" class="axis">0 s</text><text x="${W - 10}" y="${items.length * rowH + 16}" text-anchor="end" class="axis">${(span / 1000).toFixed(1)} s</text></svg>`;
}
