import type { ScanResult } from '../scan.js';

/**
 * `simian scan --output json`: `{ "findings": [ { "ruleId", "severity", "title", "resource":
 * { "ref", "kind", "name", "namespace" }, "message", "waiver"? } ], "summary": { ... } }`.
 */
export function formatJson(result: ScanResult): string {
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    ...(f.title === undefined ? {} : { title: f.title }),
    resource: {
      ref: f.resource.ref,
      kind: f.resource.kind,
      name: f.resource.name,
      namespace: f.resource.namespace ?? null,
    },
    message: f.message,
    ...(f.waiver === undefined ? {} : { waiver: f.waiver }),
  }));
  return `${JSON.stringify({ findings, summary: result.summary }, null, 2)}\n`;
}
