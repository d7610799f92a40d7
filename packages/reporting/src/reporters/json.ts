import { z } from 'zod';
import type { FindingsReport } from '../data/findings.js';
import type { Report, ReportKind, ReportKinds } from '../report.js';
import { defineReporter, type RenderFunction } from '../reporter.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const asIs = <K extends ReportKind>(r: Report<K>) => json(r.data);

/**
 * Findings in the documented shape: `{ "findings": [ { "ruleId", "severity", "title"?, "resource":
 * { "ref", "kind", "name", "namespace" }, "message", "waiver"? } ], "summary": { ... } }`.
 */
function findingsJson(report: FindingsReport): string {
  const findings = report.findings.map((f) => ({
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
  return json({ findings, summary: report.summary });
}

const render: { [K in keyof ReportKinds]: RenderFunction<K, unknown> } = {
  plan: asIs,
  run: asIs,
  apply: asIs,
  findings: (r) => findingsJson(r.data),
  runs: asIs,
  ledger: asIs,
  recoveries: asIs,
  schedule: asIs,
  config: asIs,
  'config-schema': asIs,
  doctor: asIs,
  // The permissions, and where the Kubernetes ones are granted (the rules a Helm values file
  // takes); the YAML and JSON documents that grant them are for people.
  permissions: (r) =>
    json({
      kubernetes: r.data.kubernetes?.permissions ?? [],
      aws: r.data.aws?.permissions ?? [],
      ...(r.data.kubernetes?.plan ? { rbac: r.data.kubernetes.plan } : {}),
      ...(r.data.notes?.length ? { notes: r.data.notes } : {}),
    }),
  'experiment-check': asIs,
  // The journal alone, as Chaos Toolkit writes it.
  'experiment-run': (r) => json(r.data.journal),
  'sandbox-up': asIs,
  'sandbox-down': asIs,
  'sandbox-status': asIs,
  features: asIs,
  // Per endpoint, the count of findings is for people; machines get the findings themselves.
  probe: (r) => json({ ...r.data, targets: r.data.targets.map(({ findings: _n, ...t }) => t) }),
  faults: asIs,
  'faults-cleared': asIs,
  'sandbox-seed': asIs,
  compliance: asIs,
  journals: asIs,
};

/** `-o json`: every kind, as JSON for machines (two-space indent, one trailing newline). */
export const jsonReporter = defineReporter({
  name: 'json',
  description: 'JSON for machines, every command',
  options: z.strictObject({}),
  render,
});
