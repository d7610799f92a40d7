import type { Finding } from '@simian/core';
import type { TargetReport } from './probe/prober.js';
import type { Confirmation } from './probe/target.js';

function satisfied(when: Confirmation['when'], report: TargetReport): string | undefined {
  if (report.skipped) return undefined;
  if (when === 'reachable' && report.reachable) {
    return report.target.scheme === 'tcp'
      ? `${report.address}:${report.target.port} accepts TCP connections`
      : `${report.target.url} answers`;
  }
  if (when === 'plaintext') {
    const f = report.findings.find((x) => x.ruleId === 'SEC-HTTP-001');
    if (f) return f.message;
  }
  if (when === 'anonymous-api') {
    const f = report.findings.find((x) => x.ruleId === 'SEC-EXPOSE-010');
    if (f) return f.message;
  }
  return undefined;
}

/**
 * Marks the configuration findings a probe showed to be real: the security group whose port
 * answered from where the probe stands, the Ingress that served plain HTTP, the binding to
 * system:anonymous that the API server honoured. Returns how many were confirmed.
 */
export function confirmFindings(findings: Finding[], reports: readonly TargetReport[]): number {
  let confirmed = 0;
  for (const report of reports) {
    for (const c of report.target.confirms ?? []) {
      const detail = satisfied(c.when, report);
      if (!detail) continue;
      for (const f of findings) {
        if (f.ruleId !== c.ruleId || f.confirmed) continue;
        if (c.ref !== undefined ? f.resource.ref !== c.ref : f.resource.context !== c.context)
          continue;
        f.confirmed = { by: `probe of ${report.target.url}`, endpoint: report.target.url, detail };
        // Said in the message too, so every report shows it, whatever it does with `confirmed`.
        f.message = `${f.message} (confirmed by a probe: ${detail})`;
        confirmed++;
      }
    }
  }
  return confirmed;
}
