import { SEVERITIES } from '@simian/core';
import type { ComplianceReport } from '../data/compliance.js';
import { placeOf, ownerOf } from '../model/finding.js';
import { Lines } from './columns.js';

const WORST_FIRST = [...SEVERITIES].reverse();

/** `simian report` for people: the summary, scores, owners, operations, then the open findings. */
export function complianceForPeople(r: ComplianceReport): string {
  const s = r.summary;
  const out = new Lines();
  out.add(`${r.title} (${r.generatedAt})`);
  out.add(
    `${s.open} open (${WORST_FIRST.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', ')}), ${s.waived} waived${s.muted ? `, ${s.muted} muted` : ''}, on ${s.resources} resources; ${s.rules} rules`,
  );
  if (r.trends?.baseline) {
    out.add(
      `since ${r.trends.baseline.at}: ${s.new} new, ${s.regressed} regressed, ${s.resolved} resolved`,
    );
  }
  if (r.frameworks.length > 0) {
    out.add('\ncompliance');
    out.table(
      ['framework', 'score', 'passing', 'failing', 'waived'],
      r.frameworks.map((f) => [
        f.title,
        f.score === null ? '-' : `${f.score}%`,
        String(f.counts.pass),
        String(f.counts.fail),
        String(f.counts.waived),
      ]),
    );
  }
  if (r.byOwner.length > 0) {
    out.add('\nowners');
    out.table(
      ['owner', 'open', 'critical', 'high', 'waived'],
      r.byOwner
        .slice(0, 15)
        .map((g) => [
          g.key,
          String(g.open),
          String(g.bySeverity.critical),
          String(g.bySeverity.high),
          String(g.waived),
        ]),
    );
  }
  if (r.savings)
    out.add(
      `\njanitor: about $${r.savings.monthly} a month to save over ${r.savings.resources} unused resources`,
    );
  if (r.recoveries) {
    out.add('\nrecovery after kills (last 30 days)');
    out.table(
      ['group', 'kills', 'median s', 'last month s', ''],
      r.recoveries.map((g) => [
        g.group,
        String(g.kills),
        g.median?.toFixed(1) ?? '-',
        g.lastMonthMedian?.toFixed(1) ?? '-',
        g.slower ? 'slower than last month' : '',
      ]),
    );
  }
  if (r.faults)
    out.add(`\nfaults: ${r.faults.active} active, ${r.faults.residual.length} past their expiry`);
  const shown = r.findings.filter((f) => f.status !== 'waived');
  if (shown.length > 0) {
    out.add(`\nfindings (${shown.length}${shown.length > 200 ? ', the first 200' : ''})`);
    out.table(
      ['severity', 'status', 'rule', 'resource', 'owner', 'message'],
      shown
        .slice(0, 200)
        .map((f) => [
          f.severity,
          f.change ? `${f.status} (${f.change})` : f.status,
          f.ruleId,
          `${placeOf(f.resource)}/${f.resource.kind}/${f.resource.name}`,
          ownerOf(f.resource),
          f.message,
        ]),
    );
  }
  return out.text();
}
