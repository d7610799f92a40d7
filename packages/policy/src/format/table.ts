import { severityRank } from '@simian/core';
import type { PolicyFinding } from '../policy-finding.js';
import type { ScanResult, ScanSummary } from '../scan.js';

/**
 * `simian scan` for people: one aligned row per finding, worst first, waived findings last, then
 * a summary line. Plain text, no colour, so it reads the same in a terminal and in a CI log.
 */
export function formatTable(result: ScanResult): string {
  const rows = [...result.findings].sort(
    (a, b) =>
      Number(a.waiver !== undefined) - Number(b.waiver !== undefined) ||
      severityRank(b.severity) - severityRank(a.severity),
  );
  const lines: string[] = [];
  if (rows.length > 0) {
    const table = [
      ['SEVERITY', 'RULE', 'RESOURCE', 'WHERE', 'MESSAGE'],
      ...rows.map((f) => [
        f.waiver ? `${f.severity} (waived)` : f.severity,
        f.ruleId,
        resourceLabel(f),
        f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : '-',
        f.message,
      ]),
    ];
    const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
    for (const row of table) {
      lines.push(
        row
          .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!)))
          .join('  '),
      );
    }
    lines.push('');
  }
  lines.push(summaryLine(result.summary));
  return `${lines.join('\n')}\n`;
}

function resourceLabel(f: PolicyFinding): string {
  const r = f.resource;
  return [r.namespace ?? r.region, r.kind, r.name].filter(Boolean).join('/');
}

function summaryLine(s: ScanSummary): string {
  const severities = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((sev) => s.bySeverity[sev] > 0)
    .map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const counted = severities.length > 0 ? ` (${severities.join(', ')})` : '';
  const waived = s.waived > 0 ? `, ${s.waived} waived` : '';
  const verdict =
    s.failOn === undefined
      ? ''
      : s.failed
        ? `; failing at ${s.failOn} or worse`
        : `; nothing at ${s.failOn} or worse`;
  return `${s.findings} finding${s.findings === 1 ? '' : 's'}${counted}${waived} in ${s.resources} resources from ${s.files} file${s.files === 1 ? '' : 's'}, ${s.rules} rule${s.rules === 1 ? '' : 's'}${verdict}`;
}
