import { z } from 'zod';
import type { ComplianceReport } from '../data/compliance.js';
import { placeOf } from '../model/finding.js';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';

const COLUMNS = [
  'id',
  'status',
  'change',
  'severity',
  'rule',
  'title',
  'monkey',
  'provider',
  'context',
  'namespace_or_region',
  'kind',
  'name',
  'ref',
  'owner',
  'message',
  'frameworks',
  'remediation',
  'waived_by',
  'waiver_owner',
  'waiver_reason',
  'waiver_expires',
  'first_seen',
  'last_seen',
] as const;

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab) gets a leading `'`: a finding's message comes
 * from the estate, which must not be able to run formulas on whoever opens the file.
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per finding, for spreadsheets; every format's statuses, as decided once. */
export function complianceCsv(r: ComplianceReport): string {
  const rows = r.findings.map((f) =>
    [
      f.id,
      f.status,
      f.change,
      f.severity,
      f.ruleId,
      f.title,
      f.monkey,
      f.resource.provider,
      f.resource.context,
      placeOf(f.resource),
      f.resource.kind,
      f.resource.name,
      f.resource.ref,
      f.resource.owner,
      f.message,
      f.frameworks.join(' '),
      f.remediation,
      f.waiver?.by,
      f.waiver?.owner,
      f.waiver?.reason,
      f.waiver?.expires,
      f.firstSeen,
      f.lastSeen,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** `-o csv`: one row per finding. */
export const csvReporter = defineReporter({
  name: 'csv',
  description: 'CSV, one row per finding (RFC 4180, formula-safe)',
  options: z.strictObject({}),
  render: forFindingsKinds((r) => complianceCsv(r)),
});
