import type { ProbeView } from '../data/commands.js';
import { Lines } from './columns.js';

/** `simian probe`: each endpoint and what it answered, then the findings, then a count. */
export function probeForPeople(view: ProbeView): string {
  return new Lines()
    .table(
      ['ENDPOINT', 'ADDRESS', 'ANSWERED', 'TLS GRADE', 'FINDINGS'],
      view.targets.map((t) => [
        t.url,
        t.address ?? '-',
        t.skipped
          ? `skipped: ${t.skipped}`
          : t.reachable
            ? `yes${t.identified ? ` (${t.identified})` : ''}`
            : 'no',
        t.tls
          ? `${t.tls.grade}${t.tls.caps.length > 0 ? ` (${t.tls.caps.map((c) => c.reason).join('; ')})` : ''}`
          : '-',
        String(t.findings),
      ]),
    )
    .add()
    .table(
      ['SEVERITY', 'RULE', 'MESSAGE'],
      view.findings.map((f) => [f.severity, f.ruleId, f.message]),
    )
    .add()
    .add(
      `${view.findings.length} finding(s) on ${view.targets.length} endpoint(s), ${view.connections} connections in ${view.durationMs} ms${view.stopped ? `; stopped: ${view.stopped}` : ''}`,
    )
    .text();
}
