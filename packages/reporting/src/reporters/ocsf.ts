import type { Severity } from '@simian/core';
import { z } from 'zod';
import type { ComplianceReport } from '../data/compliance.js';
import { referencesOf, requirementsOf, ruleFamily } from '../model/frameworks.js';
import type { FindingStatus, ReportedFinding } from '../model/finding.js';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';

const options = z.strictObject({
  /** @default "0.1.0" */
  version: z
    .string()
    .default('0.1.0')
    .describe('`metadata.product.version`: the version of Simian.'),
});

/** OCSF's severity ids (base event). */
const SEVERITY: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/** OCSF's finding status ids: a waived finding is suppressed, as Prowler marks muted ones. */
const STATUS: Record<FindingStatus, { id: number; name: string }> = {
  open: { id: 1, name: 'New' },
  waived: { id: 3, name: 'Suppressed' },
  resolved: { id: 4, name: 'Resolved' },
};

/** The schema version the objects follow (Detection Finding came in OCSF 1.1). */
export const OCSF_VERSION = '1.1.0';

/**
 * One finding as an OCSF Detection Finding (class 2004, activity Create), mapped as Prowler maps
 * its checks: the rule as `metadata.event_code` and `finding_info`, the resource in `resources`,
 * FAIL/PASS in `status_code`, frameworks under `unmapped.compliance`. AWS findings carry the
 * `cloud` profile; times are epoch milliseconds with their `_dt` twins.
 */
export function ocsfFinding(
  f: ReportedFinding,
  version: string,
  generatedAt: string,
): Record<string, unknown> {
  const ms = (iso: string) => Date.parse(iso);
  const severity = SEVERITY[f.severity];
  const status = STATUS[f.status];
  const aws = f.resource.provider === 'aws';
  const compliance: Record<string, string[]> = {};
  for (const req of requirementsOf(f.frameworks))
    (compliance[req.framework] ??= []).push(req.control);
  const resource: Record<string, unknown> = {
    uid: f.resource.ref,
    name: f.resource.name,
    type: f.resource.kind,
    group: { name: f.monkey },
    labels: f.resource.owner ? [`owner:${f.resource.owner}`] : [],
    ...(f.resource.namespace === undefined ? {} : { namespace: f.resource.namespace }),
    ...(f.resource.region === undefined ? {} : { region: f.resource.region }),
    ...(f.evidence === undefined ? {} : { data: { evidence: f.evidence } }),
  };
  return {
    metadata: {
      version: OCSF_VERSION,
      event_code: f.ruleId,
      product: { uid: 'simian', name: 'Simian', vendor_name: 'Simian', version },
      profiles: aws ? ['cloud', 'datetime'] : ['datetime'],
    },
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    time: ms(generatedAt),
    time_dt: generatedAt,
    severity_id: severity.id,
    severity: severity.name,
    status_id: status.id,
    status: status.name,
    status_code: f.status === 'resolved' ? 'PASS' : 'FAIL',
    status_detail: f.message,
    message: f.message,
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: f.message,
      types: [ruleFamily(f.ruleId)],
      created_time: ms(f.firstSeen),
      created_time_dt: f.firstSeen,
      first_seen_time: ms(f.firstSeen),
      first_seen_time_dt: f.firstSeen,
      last_seen_time: ms(f.lastSeen),
      last_seen_time_dt: f.lastSeen,
    },
    ...(f.remediation === undefined ? {} : { remediation: { desc: f.remediation } }),
    resources: [resource],
    ...(aws
      ? {
          cloud: {
            provider: 'AWS',
            ...(f.resource.region === undefined ? {} : { region: f.resource.region }),
            ...(f.resource.context === undefined
              ? {}
              : { account: { uid: f.resource.context, type_id: 10, type: 'AWS Account' } }),
          },
        }
      : {}),
    unmapped: {
      rule: f.ruleId,
      monkey: f.monkey,
      compliance,
      references: referencesOf(f.frameworks),
      ...(f.change === undefined ? {} : { change: f.change }),
      ...(f.waiver === undefined ? {} : { waiver: f.waiver }),
      ...(f.location === undefined ? {} : { location: f.location }),
    },
  };
}

/** Every finding of a report as a JSON array of OCSF Detection Findings (as Prowler writes them). */
export function complianceOcsf(r: ComplianceReport, version = '0.1.0'): string {
  return `${JSON.stringify(
    r.findings.map((f) => ocsfFinding(f, version, r.generatedAt)),
    null,
    2,
  )}\n`;
}

/** `-o ocsf`: OCSF Detection Findings (class 2004), for security data lakes and SIEMs. */
export const ocsfReporter = defineReporter({
  name: 'ocsf',
  description: 'OCSF Detection Findings (class 2004) as a JSON array, as Prowler maps them',
  options,
  render: forFindingsKinds((r, o: z.output<typeof options>) => complianceOcsf(r, o.version)),
});
