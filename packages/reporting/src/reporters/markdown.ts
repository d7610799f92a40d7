import { SEVERITIES } from '@simian/core';
import { z } from 'zod';
import type { ComplianceReport } from '../data/compliance.js';
import type { ExperimentJournalView, JournalsReport } from '../journals/journal-model.js';
import { ownerOf, placeOf } from '../model/finding.js';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';

const WORST_FIRST = [...SEVERITIES].reverse();

/** A table cell: pipes escaped, one line. */
const cell = (v: string | number) => String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const table = (head: string[], rows: Array<Array<string | number>>) =>
  rows.length === 0
    ? '_none_\n'
    : `| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n')}\n`;

/**
 * GitHub-flavoured Markdown of a compliance report: for a pull request comment, a wiki page, a
 * CI job summary. The same sections as the HTML report, with every finding in one table.
 */
export function complianceMarkdown(r: ComplianceReport): string {
  const s = r.summary;
  const out: string[] = [
    `# ${r.title}`,
    '',
    `Generated ${r.generatedAt} from ${r.source}${r.runs.length ? ` (${r.runs.join(', ')})` : ''}.`,
    '',
  ];
  out.push('## Summary', '');
  out.push(
    `**${s.open} open** finding${s.open === 1 ? '' : 's'} (${WORST_FIRST.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', ')}), ${s.waived} waived${s.muted ? `, ${s.muted} muted` : ''}, on ${s.resources} resources; ${s.rules} rules.`,
  );
  if (r.trends?.baseline)
    out.push(
      '',
      `Since ${r.trends.baseline.at}: **${s.new} new**, ${s.regressed} regressed, ${s.resolved} resolved.`,
    );
  if (r.savings)
    out.push(
      '',
      `Janitor: an estimated **$${r.savings.monthly}** a month over ${r.savings.resources} unused resources.`,
    );
  if (r.faults)
    out.push(
      '',
      `Faults: ${r.faults.active} active, **${r.faults.residual.length} past their expiry**.`,
    );
  out.push('', '## Compliance', '');
  out.push(
    table(
      ['framework', 'score', 'controls passing', 'failing', 'waived'],
      r.frameworks.map((f) => [
        f.title,
        f.score === null ? '–' : `${f.score}%`,
        f.counts.pass,
        f.counts.fail,
        f.counts.waived,
      ]),
    ),
  );
  for (const f of r.frameworks) {
    const failing = f.controls.filter((c) => c.status !== 'pass');
    if (failing.length === 0) continue;
    out.push(`### ${f.title}`, '');
    out.push(
      table(
        ['control', 'status', 'rules', 'failing resources'],
        failing.map((c) => [
          c.id,
          c.status,
          c.checks.map((k) => k.ruleId).join(', '),
          c.failing
            .slice(0, 10)
            .map((x) => x.ref)
            .join(', ') + (c.failing.length > 10 ? ` and ${c.failing.length - 10} more` : ''),
        ]),
      ),
    );
  }
  if (r.trends && r.trends.points.length > 0) {
    out.push('## Trend', '');
    out.push(
      table(
        ['run', 'at', 'open', ...WORST_FIRST],
        r.trends.points
          .slice(-20)
          .map((p) => [p.runId, p.at, p.open, ...WORST_FIRST.map((sev) => p.bySeverity[sev])]),
      ),
    );
  }
  out.push(
    '## By owner',
    '',
    table(
      ['owner', 'open', ...WORST_FIRST, 'waived'],
      r.byOwner.map((g) => [
        g.key,
        g.open,
        ...WORST_FIRST.map((sev) => g.bySeverity[sev]),
        g.waived,
      ]),
    ),
  );
  out.push(
    '## By namespace or region',
    '',
    table(
      ['namespace / region', 'open', ...WORST_FIRST, 'waived'],
      r.byPlace.map((g) => [
        g.key,
        g.open,
        ...WORST_FIRST.map((sev) => g.bySeverity[sev]),
        g.waived,
      ]),
    ),
  );
  if (r.recoveries) {
    out.push(
      '## Recovery after kills',
      '',
      table(
        ['group', 'kills (30 d)', 'median s', 'p95 s', 'last month median s', ''],
        r.recoveries.map((g) => [
          g.group,
          g.kills,
          g.median?.toFixed(1) ?? '–',
          g.p95?.toFixed(1) ?? '–',
          g.lastMonthMedian?.toFixed(1) ?? '–',
          g.slower ? '**slower than last month**' : '',
        ]),
      ),
    );
  }
  if (r.faults && r.faults.residual.length > 0) {
    out.push(
      '## Faults past their expiry',
      '',
      table(
        ['object', 'expired', 'run'],
        r.faults.residual.map((f) => [f.ref, f.expiresAt, f.runId ?? '']),
      ),
    );
  }
  out.push('## Findings', '');
  out.push(
    table(
      ['severity', 'status', 'rule', 'resource', 'owner', 'message'],
      r.findings.map((f) => [
        f.severity,
        f.status + (f.change ? ` (${f.change})` : ''),
        `${f.ruleId}: ${f.title}`,
        `${placeOf(f.resource)}/${f.resource.kind}/${f.resource.name}`,
        ownerOf(f.resource),
        f.message,
      ]),
    ),
  );
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}`;
}

function journalMarkdown(j: ExperimentJournalView): string {
  const out = [
    `## ${j.title}`,
    '',
    `**${j.outcome}** (status ${j.status}${j.deviated ? ', deviated' : ''}), ${j.producer} ${j.producerVersion}, ${j.duration?.toFixed(1) ?? '?'} s.`,
    '',
  ];
  if (j.description) out.push(j.description, '');
  out.push(
    `Hypothesis: ${j.hypothesis.title}: before ${met(j.hypothesis.before)}, after ${met(j.hypothesis.after)}.`,
    '',
  );
  out.push(
    table(
      ['activity', 'type', 'status', 'seconds'],
      [...j.method, ...j.rollbacks.map((a) => ({ ...a, name: `rollback: ${a.name}` }))].map((a) => [
        a.name,
        a.type,
        a.status,
        a.duration?.toFixed(3) ?? '',
      ]),
    ),
  );
  for (const l of j.latency)
    out.push(
      `Latency (${l.activity}): ${l.values.map((v) => `${v.percentile} ${v.value} ${l.unit}`).join(', ')}`,
      '',
    );
  return out.join('\n');
}

const met = (s: ExperimentJournalView['hypothesis']['before']) =>
  s === null ? 'not checked' : s.met === null ? 'not decided' : s.met ? 'met' : 'not met';

function journalsMarkdown(r: JournalsReport): string {
  return `# ${r.title}\n\n${r.journals.map(journalMarkdown).join('\n')}`;
}

/** `-o markdown`: a compliance report or experiment journals as GitHub-flavoured Markdown. */
export const markdownReporter = defineReporter({
  name: 'markdown',
  description: 'GitHub-flavoured Markdown: summary, scores, groups, every finding',
  options: z.strictObject({}),
  render: {
    ...forFindingsKinds((r) => complianceMarkdown(r)),
    journals: (r) => journalsMarkdown(r.data),
  },
});
