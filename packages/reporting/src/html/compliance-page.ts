import { SEVERITIES, type Severity } from '@simian/core';
import type { ComplianceReport } from '../data/compliance.js';
import type { FrameworkResult } from '../compliance/score.js';
import type { GroupSummary } from '../compliance/groups.js';
import { frameworkTitle, referencesOf, requirementsOf } from '../model/frameworks.js';
import { ownerOf, placeOf, type ReportedFinding } from '../model/finding.js';
import { requirementsOfRule } from '../compliance/score.js';
import { barChart, lineChart } from './charts.js';
import { esc, NO_NETWORK_CSP, scriptJson } from './escape.js';
import { FINDINGS_SCRIPT } from './findings-script.js';
import { REPORT_CSS } from './style.js';

const SEV_COLOR: Record<Severity, string> = {
  critical: '#7b1e1e',
  high: '#d9534f',
  medium: '#e8912d',
  low: '#5b8def',
  info: '#8a8f98',
};
const WORST_FIRST = [...SEVERITIES].reverse();
const FRAMEWORK_COLORS = ['#2e8b57', '#3b6ea8', '#7a5cc4', '#c05621', '#2a9d8f', '#b83280'];

/**
 * The compliance report as one self-contained HTML file: styles, data and script inline, nothing
 * loaded from the network (a Content-Security-Policy says so). The summary, scores, trends and
 * tables are drawn on the server; the findings list is drawn by a small script from the embedded
 * data, a page at a time, with filters by severity, status, change, framework, owner and namespace.
 */
export function complianceHtml(report: ComplianceReport): string {
  const body = [
    summarySection(report),
    trendsSection(report),
    frameworksSection(report.frameworks),
    groupsSection(report),
    operationsSection(report),
    findingsSection(report),
  ].join('\n');
  return page(report.title, headerMeta(report), body, findingsData(report), FINDINGS_SCRIPT);
}

/** The HTML document around a report's sections. */
export function page(
  title: string,
  meta: string,
  body: string,
  data?: unknown,
  script?: string,
): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${NO_NETWORK_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="simian">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style></head>
<body><header class="top"><h1>${esc(title)}</h1><div class="meta">${meta}</div></header>
<main>
${body}
</main>
${data === undefined ? '' : `<script type="application/json" id="simian-data">${scriptJson(data)}</script>`}
${script ? `<script>${script}</script>` : ''}
</body></html>
`;
}

function headerMeta(r: ComplianceReport): string {
  const parts = [
    `generated ${esc(r.generatedAt.replace('T', ' ').slice(0, 19))} UTC`,
    `from ${esc(r.source)}`,
  ];
  if (r.runs.length > 0)
    parts.push(
      `run${r.runs.length > 1 ? 's' : ''} ${esc(r.runs.slice(0, 4).join(', '))}${r.runs.length > 4 ? ` and ${r.runs.length - 4} more` : ''}`,
    );
  if (r.trends?.baseline)
    parts.push(`compared with ${esc(r.trends.baseline.at.replace('T', ' ').slice(0, 16))} UTC`);
  if (r.framework) parts.push(`framework ${esc(r.framework)}`);
  return parts.join(' · ');
}

function card(n: string | number, label: string, attrs = ''): string {
  return `<div class="card"${attrs}><div class="n">${esc(n)}</div><div class="l">${esc(label)}</div></div>`;
}

function summarySection(r: ComplianceReport): string {
  const s = r.summary;
  const worst = WORST_FIRST.find((sev) => s.bySeverity[sev] > 0);
  const verdict =
    s.open === 0
      ? `No open findings${s.waived > 0 ? ` (${s.waived} waived)` : ''}.`
      : `${s.open} open finding${s.open === 1 ? '' : 's'} on ${s.resources} resource${s.resources === 1 ? '' : 's'}; the worst is ${worst}.`;
  const change = r.trends?.baseline
    ? ` Since the baseline: ${s.new} new, ${s.regressed} regressed, ${s.resolved} resolved.`
    : '';
  const cards = [
    card(s.open, 'open findings', ' data-summary="open"'),
    ...WORST_FIRST.filter((sev) => sev !== 'info').map((sev) =>
      card(s.bySeverity[sev], sev, ` data-summary="${sev}"`),
    ),
    card(s.waived, 'waived'),
  ];
  if (r.trends?.baseline)
    cards.push(card(s.new, 'new'), card(s.regressed, 'regressed'), card(s.resolved, 'resolved'));
  if (s.muted > 0) cards.push(card(s.muted, 'muted'));
  const scores = r.frameworks
    .map((f) =>
      card(f.score === null ? '–' : `${f.score}%`, f.title, ` data-framework="${esc(f.id)}"`),
    )
    .join('');
  const ops: string[] = [];
  if (r.savings)
    ops.push(
      card(
        `$${r.savings.monthly.toLocaleString('en-US')}`,
        `janitor savings / month (${r.savings.resources} resources)`,
      ),
    );
  if (r.recoveries) {
    const slower = r.recoveries.filter((g) => g.slower).length;
    ops.push(
      card(slower, `workloads recovering slower than last month (of ${r.recoveries.length})`),
    );
  }
  if (r.faults)
    ops.push(
      card(r.faults.residual.length, `faults past their expiry (${r.faults.active} active)`),
    );
  return `<section id="summary"><h2>Summary</h2><p class="verdict">${esc(verdict + change)}</p>
<div class="cards">${cards.join('')}</div>
${scores ? `<h3>Compliance scores</h3><div class="cards">${scores}</div>` : ''}
${ops.length ? `<h3>Operations</h3><div class="cards">${ops.join('')}</div>` : ''}
</section>`;
}

function trendsSection(r: ComplianceReport): string {
  const points = r.trends?.points ?? [];
  if (points.length === 0) return '';
  const labels = points.map((p) => p.at.slice(5, 16).replace('T', ' '));
  const bySeverity = lineChart(
    'Open findings by severity',
    labels,
    WORST_FIRST.map((sev) => ({
      name: sev,
      color: SEV_COLOR[sev],
      values: points.map((p) => p.bySeverity[sev]),
    })),
  );
  const ids = [...new Set(points.flatMap((p) => Object.keys(p.scores)))];
  const scores = ids.length
    ? lineChart(
        'Compliance score over time',
        labels,
        ids.map((id, i) => ({
          name: frameworkTitle(id),
          color: FRAMEWORK_COLORS[i % FRAMEWORK_COLORS.length]!,
          values: points.map((p) => p.scores[id] ?? null),
        })),
        { max: 100, unit: '%' },
      )
    : '';
  return `<section id="trends"><h2>Trends</h2><div class="two"><div><h3>Open findings by severity</h3>${bySeverity}</div>${scores ? `<div><h3>Score over time</h3>${scores}</div>` : ''}</div>
<p class="muted">${points.length} run${points.length === 1 ? '' : 's'} from ${esc(points[0]!.at.slice(0, 16).replace('T', ' '))} to ${esc(points.at(-1)!.at.slice(0, 16).replace('T', ' '))} UTC.</p></section>`;
}

function frameworksSection(frameworks: readonly FrameworkResult[]): string {
  if (frameworks.length === 0) {
    return `<section id="compliance"><h2>Compliance</h2><p class="muted">No evaluated rule maps to a framework.</p></section>`;
  }
  const overview = frameworks
    .map(
      (f) =>
        `<tr><td>${esc(f.title)}</td><td class="num score">${f.score === null ? '–' : `${f.score}%`}</td><td><div class="bar"><span style="width:${f.score ?? 0}%"></span></div></td><td class="num">${f.counts.pass}</td><td class="num">${f.counts.fail}</td><td class="num">${f.counts.waived}</td></tr>`,
    )
    .join('');
  const details = frameworks
    .map((f) => {
      const rows = f.controls
        .map((c) => {
          const shown = c.failing
            .slice(0, 12)
            .map((r) =>
              esc(
                `${r.namespace ?? r.region ?? ''}${r.namespace || r.region ? '/' : ''}${r.kind}/${r.name}`,
              ),
            );
          const more =
            c.failing.length > shown.length
              ? ` <span class="muted">and ${c.failing.length - shown.length} more</span>`
              : '';
          return `<tr><td>${esc(c.id)}</td><td><span class="st st-${c.status}">${c.status}</span></td><td class="num">${c.counts.pass}</td><td class="num">${c.counts.fail}</td><td class="num">${c.counts.waived}</td><td>${c.checks.map((k) => `<span title="${esc(k.title)}">${esc(k.ruleId)}</span>`).join(', ')}</td><td>${shown.join(', ')}${more}${c.waived.length ? ` <span class="muted">(${c.waived.length} waived)</span>` : ''}</td></tr>`;
        })
        .join('');
      return `<details${f.counts.fail > 0 ? ' open' : ''} data-framework="${esc(f.id)}"><summary><strong>${esc(f.title)}</strong>: ${f.score === null ? 'no score' : `${f.score}%`}, ${f.counts.fail} failing of ${f.controls.length} controls</summary>
<table><thead><tr><th>control</th><th>status</th><th class="num">checks passing</th><th class="num">failing</th><th class="num">waived</th><th>rules</th><th>failing resources</th></tr></thead><tbody>${rows}</tbody></table></details>`;
    })
    .join('\n');
  return `<section id="compliance"><h2>Compliance</h2>
<table><thead><tr><th>framework</th><th class="num">score</th><th></th><th class="num">controls passing</th><th class="num">failing</th><th class="num">waived</th></tr></thead><tbody>${overview}</tbody></table>
<p class="muted">A control passes when none of its rules has an open finding; waived controls are left out of the score.</p>
${details}</section>`;
}

function groupTable(title: string, groups: readonly GroupSummary[], id: string): string {
  const rows = groups
    .slice(0, 50)
    .map(
      (g) =>
        `<tr><td>${esc(g.key)}</td><td class="num">${g.open}</td>${WORST_FIRST.map((s) => `<td class="num">${g.bySeverity[s] || ''}</td>`).join('')}<td class="num">${g.waived}</td><td class="num">${g.resources}</td></tr>`,
    )
    .join('');
  return `<div id="${id}"><h3>${esc(title)}</h3><table><thead><tr><th></th><th class="num">open</th>${WORST_FIRST.map((s) => `<th class="num">${s}</th>`).join('')}<th class="num">waived</th><th class="num">resources</th></tr></thead><tbody>${rows || '<tr><td colspan="9" class="muted">none</td></tr>'}</tbody></table>${groups.length > 50 ? `<p class="muted">and ${groups.length - 50} more</p>` : ''}</div>`;
}

function groupsSection(r: ComplianceReport): string {
  return `<section id="groups"><h2>By owner and by namespace</h2><div class="two">${groupTable('Owners', r.byOwner, 'by-owner')}${groupTable('Namespaces and regions', r.byPlace, 'by-place')}</div></section>`;
}

function operationsSection(r: ComplianceReport): string {
  const parts: string[] = [];
  if (r.recoveries) {
    const rows = r.recoveries
      .map(
        (g) =>
          `<tr><td>${esc(g.group)}</td><td class="num">${g.kills}</td><td class="num">${g.recovered}</td><td class="num">${fmt(g.median)}</td><td class="num">${fmt(g.p95)}</td><td class="num">${fmt(g.lastMonthMedian)}</td><td>${g.slower ? '<span class="st st-fail">slower than last month</span>' : ''}</td></tr>`,
      )
      .join('');
    const chart = barChart(
      'Median recovery seconds, last 30 days',
      r.recoveries
        .filter((g) => g.median !== null)
        .slice(0, 20)
        .map((g) => ({
          label: g.group,
          value: g.median!,
          color: g.slower ? '#d9534f' : '#3b6ea8',
          ...(g.lastMonthMedian !== null ? { note: `(was ${g.lastMonthMedian.toFixed(1)})` } : {}),
        })),
      { unit: ' s' },
    );
    parts.push(
      `<div id="recoveries"><h3>Chaos: recovery after kills</h3>${chart}<table><thead><tr><th>group</th><th class="num">kills (30 d)</th><th class="num">recovered</th><th class="num">median s</th><th class="num">p95 s</th><th class="num">last month median s</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>`,
    );
  }
  if (r.savings) {
    const rows = r.savings.byOwner
      .map(
        (o) =>
          `<tr><td>${esc(o.owner)}</td><td class="num">$${o.monthly.toLocaleString('en-US')}</td><td class="num">${o.resources}</td></tr>`,
      )
      .join('');
    parts.push(
      `<div id="savings"><h3>Janitor: estimated savings</h3><p>$${r.savings.monthly.toLocaleString('en-US')} a month over ${r.savings.resources} unused resources.</p><table><thead><tr><th>owner</th><th class="num">per month</th><th class="num">resources</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    );
  }
  if (r.faults) {
    const rows = r.faults.residual
      .map(
        (f) =>
          `<tr><td>${esc(f.ref)}</td><td>${esc(f.expiresAt)}</td><td>${esc(f.runId ?? '')}</td></tr>`,
      )
      .join('');
    parts.push(
      `<div id="faults"><h3>Faults</h3><p>${r.faults.active} active, <strong>${r.faults.residual.length} past their expiry</strong>${r.faults.residual.length > 0 ? ': remove them with <code>simian faults clear --expired</code>' : ''}.</p>${rows ? `<table><thead><tr><th>object</th><th>expired</th><th>run</th></tr></thead><tbody>${rows}</tbody></table>` : ''}</div>`,
    );
  }
  if (parts.length === 0) return '';
  return `<section id="operations"><h2>Operations</h2>${parts.join('\n')}</section>`;
}

const fmt = (n: number | null) => (n === null ? '–' : n.toFixed(1));

function findingsSection(r: ComplianceReport): string {
  const options = (values: readonly string[]) =>
    values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
  const frameworks = [
    ...new Set(r.rules.flatMap((rule) => requirementsOfRule(rule).map((q) => q.framework))),
  ].sort();
  const owners = [...new Set(r.findings.map((f) => ownerOf(f.resource)))].sort();
  const places = [...new Set(r.findings.map((f) => placeOf(f.resource)))].sort();
  const severityBoxes = WORST_FIRST.map(
    (s) =>
      `<label style="display:inline;flex-direction:row"><input type="checkbox" name="severity" value="${s}" checked> ${s}</label>`,
  ).join(' ');
  return `<section id="findings"><h2>Findings</h2>
<div class="filters noprint">
<fieldset id="f-severity"><legend>severity</legend>${severityBoxes}</fieldset>
<label>status<select id="f-status"><option value="">open and waived</option><option value="open">open</option><option value="waived">waived</option><option value="resolved">resolved</option><option value="all">all</option></select></label>
<label>change<select id="f-change"><option value="">any</option><option value="new">new</option><option value="regressed">regressed</option><option value="resolved">resolved</option></select></label>
<label>framework<select id="f-framework"><option value="">any</option>${frameworks.map((f) => `<option value="${esc(f)}">${esc(frameworkTitle(f))}</option>`).join('')}</select></label>
<label>owner<select id="f-owner"><option value="">any</option>${options(owners)}</select></label>
<label>namespace / region<select id="f-place"><option value="">any</option>${options(places)}</select></label>
<label>search<input type="search" id="f-search" placeholder="rule, resource, message"></label>
</div>
<p id="shown-count" class="muted">${r.findings.length} findings</p>
<table id="findings-table"><thead><tr><th>severity</th><th>status</th><th>rule</th><th>resource</th><th>owner</th><th>message</th></tr></thead><tbody id="findings-body"><tr><td colspan="6" class="muted">The list needs JavaScript; every finding is also in the JSON and CSV formats.</td></tr></tbody></table>
<p><button id="more" type="button" hidden>Show more</button></p></section>`;
}

/** The findings, compact: rule details once per rule, not once per finding. */
function findingsData(r: ComplianceReport): unknown {
  const rules: Record<string, unknown> = {};
  for (const rule of r.rules) {
    rules[rule.id] = {
      t: rule.title,
      fw: requirementsOfRule(rule).map((q) => q.framework),
      req: requirementsOf(rule.frameworks).map(
        (q) => `${frameworkTitle(q.framework)} ${q.control}`,
      ),
      x: referencesOf(rule.frameworks),
      ...(rule.remediation ? { rem: rule.remediation } : {}),
    };
  }
  return { rules, f: r.findings.map(compact) };
}

function compact(f: ReportedFinding): Record<string, unknown> {
  // Assigned one by one, in this order (the embedded JSON's key order): tens of thousands of
  // findings make the spreads of optional keys a cost.
  const c: Record<string, unknown> = { i: f.id, r: f.ruleId, s: f.severity, st: f.status };
  if (f.change) c['c'] = f.change;
  c['m'] = f.monkey;
  c['ref'] = f.resource.ref;
  c['k'] = f.resource.kind;
  c['n'] = f.resource.name;
  c['p'] = placeOf(f.resource);
  c['o'] = ownerOf(f.resource);
  c['msg'] = f.message;
  if (f.evidence) c['ev'] = f.evidence;
  if (f.remediation) c['rem'] = f.remediation;
  if (f.waiver) c['w'] = f.waiver;
  c['fs'] = f.firstSeen;
  c['ls'] = f.lastSeen;
  if (f.location) c['loc'] = `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`;
  return c;
}
