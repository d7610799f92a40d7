import type { ReportObject, Severity } from '@simian/core';
import type { ComplianceReport } from '../data/compliance.js';
import { requirementsOf } from '../model/frameworks.js';
import type { ReportedFinding } from '../model/finding.js';

/** The two report APIs Simian writes: Kyverno's PolicyReport, and its successor OpenReports. */
export interface ReportApi {
  name: 'policyreport' | 'openreports';
  apiVersion: string;
  namespaced: string;
  clusterScoped: string;
}

export const POLICY_REPORT: ReportApi = {
  name: 'policyreport',
  apiVersion: 'wgpolicyk8s.io/v1alpha2',
  namespaced: 'PolicyReport',
  clusterScoped: 'ClusterPolicyReport',
};

export const OPEN_REPORTS: ReportApi = {
  name: 'openreports',
  apiVersion: 'openreports.io/v1alpha1',
  namespaced: 'Report',
  clusterScoped: 'ClusterReport',
};

/** Labels on every report object Simian writes; its cluster sync replaces exactly these. */
export const REPORT_OBJECT_LABELS = {
  'app.kubernetes.io/managed-by': 'simian',
  'app.kubernetes.io/part-of': 'simian',
} as const;

/** The name of Simian's report object in each namespace (and of the cluster-scoped one). */
export const REPORT_OBJECT_NAME = 'simian';

/**
 * Kubernetes findings as report objects: one namespaced report per namespace and one
 * cluster-scoped report (for cluster-scoped resources), per context. Open findings are `fail`,
 * waived ones `skip` (with the waiver in `properties`); resolved ones are gone, as the next
 * Kyverno scan would leave them out. Objects of other providers' findings are not made.
 */
export function reportObjects(
  r: ComplianceReport,
  api: ReportApi,
): Array<{ context: string; object: ReportObject }> {
  const groups = new Map<
    string,
    { context: string; namespace?: string; findings: ReportedFinding[] }
  >();
  for (const f of r.findings) {
    if (f.resource.provider !== 'kubernetes' || f.status === 'resolved') continue;
    const context = f.resource.context ?? '';
    const key = `${context}\0${f.resource.namespace ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        context,
        ...(f.resource.namespace ? { namespace: f.resource.namespace } : {}),
        findings: [],
      };
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  const seconds = Math.floor(Date.parse(r.generatedAt) / 1000);
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.context.localeCompare(b.context) || (a.namespace ?? '').localeCompare(b.namespace ?? ''),
    )
    .map((g) => ({
      context: g.context,
      object: reportObject(api, g.namespace, g.findings, seconds),
    }));
}

function reportObject(
  api: ReportApi,
  namespace: string | undefined,
  findings: readonly ReportedFinding[],
  seconds: number,
): ReportObject {
  const results = findings.map((f) => result(f, seconds));
  const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const x of results) summary[x.result] += 1;
  return {
    apiVersion: api.apiVersion,
    kind: namespace ? api.namespaced : api.clusterScoped,
    metadata: {
      name: REPORT_OBJECT_NAME,
      ...(namespace ? { namespace } : {}),
      labels: { ...REPORT_OBJECT_LABELS },
    },
    ...(api.name === 'openreports' ? { source: 'simian' } : {}),
    summary,
    results,
  };
}

function result(f: ReportedFinding, seconds: number) {
  const reqs = requirementsOf(f.frameworks);
  const properties: Record<string, string> = {
    findingId: f.id,
    monkey: f.monkey,
    firstSeen: f.firstSeen,
  };
  if (f.resource.owner) properties['owner'] = f.resource.owner;
  if (f.remediation) properties['remediation'] = f.remediation;
  if (reqs.length > 0)
    properties['frameworks'] = reqs.map((q) => `${q.framework}:${q.control}`).join(', ');
  if (f.change) properties['change'] = f.change;
  if (f.waiver) {
    properties['waivedBy'] = f.waiver.by;
    if (f.waiver.owner) properties['waiverOwner'] = f.waiver.owner;
    if (f.waiver.reason) properties['waiverReason'] = f.waiver.reason;
    if (f.waiver.expires) properties['waiverExpires'] = f.waiver.expires;
  }
  if (f.evidence) properties['evidence'] = JSON.stringify(f.evidence).slice(0, 1024);
  const apiVersion = apiVersionOfKind(f.resource.kind);
  return {
    source: 'simian',
    policy: f.ruleId,
    rule: f.title,
    category: reqs[0] ? reqs[0].framework : f.monkey,
    severity: f.severity as Severity,
    result: (f.status === 'waived' ? 'skip' : 'fail') as 'skip' | 'fail',
    scored: true,
    message: f.message,
    timestamp: { seconds, nanos: 0 },
    resources: [
      {
        ...(apiVersion ? { apiVersion } : {}),
        kind: kindName(f.resource.kind),
        name: f.resource.name,
        ...(f.resource.namespace ? { namespace: f.resource.namespace } : {}),
      },
    ],
    properties,
  };
}

/** `apps/v1/Deployment` -> `apps/v1`; a bare kind names no apiVersion. */
function apiVersionOfKind(kind: string): string | undefined {
  const at = kind.lastIndexOf('/');
  return at > 0 ? kind.slice(0, at) : undefined;
}
const kindName = (kind: string) => kind.slice(kind.lastIndexOf('/') + 1);

/** Report objects as one `kind: List` (what `kubectl apply -f` takes). */
export function reportObjectsList(r: ComplianceReport, api: ReportApi): string {
  const items = reportObjects(r, api).map((x) => x.object);
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2)}\n`;
}
