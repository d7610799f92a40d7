import { severityRank } from '@simian/core';
import type { FindingsReport, FindingsSummary, ReportFinding } from '../data/findings.js';
import { alignColumns } from './columns.js';

/**
 * Findings for people: one aligned row per finding, worst first, waived findings last, then a
 * summary line.
 */
export function findingsForPeople(report: FindingsReport): string {
  const rows = [...report.findings].sort(
    (a, b) =>
      Number(a.waiver !== undefined) - Number(b.waiver !== undefined) ||
      severityRank(b.severity) - severityRank(a.severity),
  );
  const lines: string[] = [];
  if (rows.length > 0) {
    lines.push(
      ...alignColumns([
        ['SEVERITY', 'RULE', 'RESOURCE', 'WHERE', 'MESSAGE'],
        ...rows.map((f) => [
          f.waiver ? `${f.severity} (waived)` : f.severity,
          f.ruleId,
          resourceLabel(f),
          f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : '-',
          f.message,
        ]),
      ]),
      '',
    );
  }
  lines.push(summaryLine(report.summary));
  return `${lines.join('\n')}\n`;
}

function resourceLabel(f: ReportFinding): string {
  const r = f.resource;
  return [r.namespace ?? r.region, r.kind, r.name].filter(Boolean).join('/');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summaryLine(s: FindingsSummary): string {
  const severities = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((sev) => s.bySeverity[sev] > 0)
    .map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const counted = severities.length > 0 ? ` (${severities.join(', ')})` : '';
  const waived = s.waived > 0 ? `, ${s.waived} waived` : '';
  const files = s.files === undefined ? '' : ` from ${plural(s.files, 'file')}`;
  const verdict =
    s.failOn === undefined
      ? ''
      : s.failed
        ? `; failing at ${s.failOn} or worse`
        : `; nothing at ${s.failOn} or worse`;
  return `${plural(s.findings, 'finding')}${counted}${waived} in ${s.resources} resources${files}, ${plural(s.rules, 'rule')}${verdict}`;
}
