import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '@simian/core';
import { z } from 'zod';
import type { ComplianceReport } from '../data/compliance.js';
import type { FindingsReport, ReportFinding } from '../data/findings.js';
import { referencesOf } from '../model/frameworks.js';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';

const options = z.strictObject({
  /** @default none */
  version: z.string().optional().describe('`tool.driver.version`: the version of Simian.'),
});

/** Options of {@link findingsSarif}. */
export type SarifOptions = z.output<typeof options>;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning's scale for `security-severity`; used for ordering there. */
const SCORE: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/**
 * SARIF 2.1.0 for code-scanning tools: the rules with their METADATA, one result per finding with
 * the manifest file and line where known (a logical location with the ref otherwise), and waived
 * findings as suppressed results (`inSource` for annotations, `external` for the waiver list).
 */
export function findingsSarif(report: FindingsReport, options: SarifOptions = {}): string {
  const rules = report.rules.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description ?? r.title },
    ...(r.remediation === undefined ? {} : { help: { text: r.remediation } }),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      severity: r.severity,
      'security-severity': SCORE[r.severity],
      tags: r.frameworks ?? [],
      enforceable: r.enforceable ?? false,
    },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [locationOf(f)],
    ...(f.waiver ? { suppressions: [suppressionOf(f)] } : {}),
    properties: { severity: f.severity, resource: f.resource },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'simian',
            ...(options.version === undefined ? {} : { version: options.version }),
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function locationOf(f: Pick<ReportFinding, 'resource' | 'location'>): Record<string, unknown> {
  const logical = { logicalLocations: [{ fullyQualifiedName: f.resource.ref, kind: 'resource' }] };
  if (!f.location) return logical;
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(f.location.file) },
      ...(f.location.line === undefined ? {} : { region: { startLine: f.location.line } }),
    },
    ...logical,
  };
}

/** Relative paths stay relative (code scanning resolves them against the checkout); absolute ones become file URLs. */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split('\\').join('/').replace(/^\.\//, '');
}

function suppressionOf(f: Pick<ReportFinding, 'waiver'>): Record<string, unknown> {
  const w = f.waiver!;
  const justification = [
    w.reason,
    w.owner && `owner ${w.owner}`,
    w.approver && `approved by ${w.approver}`,
    w.ticket && `ticket ${w.ticket}`,
    w.expires && `expires ${w.expires}`,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    kind: w.by === 'annotation' ? 'inSource' : 'external',
    status: 'accepted',
    ...(justification ? { justification } : {}),
  };
}

/**
 * SARIF 2.1.0 of a compliance report: the rules (with GitHub's `security-severity`), a result per
 * open or waived finding (waived ones suppressed), each with its finding id as a partial
 * fingerprint so code scanning tracks it across runs, and `baselineState` when a baseline was
 * compared (new, or unchanged). Resolved findings are left out, as the next scan would.
 */
export function complianceSarif(report: ComplianceReport, options: SarifOptions = {}): string {
  const rules = report.rules.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description ?? r.title },
    ...(r.remediation === undefined ? {} : { help: { text: r.remediation } }),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      severity: r.severity,
      'security-severity': SCORE[r.severity],
      tags: [...(r.frameworks ?? [])],
      enforceable: r.enforceable ?? false,
      ...(referencesOf(r.frameworks).length ? { references: referencesOf(r.frameworks) } : {}),
    },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const compared = report.trends?.baseline !== undefined;
  const results = report.findings
    .filter((f) => f.status !== 'resolved')
    .map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [locationOf(f)],
      partialFingerprints: { 'simianFindingId/v1': f.id },
      ...(compared
        ? { baselineState: f.change === 'new' || f.change === 'regressed' ? 'new' : 'unchanged' }
        : {}),
      ...(f.waiver ? { suppressions: [suppressionOf(f)] } : {}),
      properties: {
        severity: f.severity,
        'security-severity': SCORE[f.severity],
        status: f.status,
        resource: f.resource,
        monkey: f.monkey,
        firstSeen: f.firstSeen,
        ...(f.evidence === undefined ? {} : { evidence: f.evidence }),
      },
    }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'simian',
            ...(options.version === undefined ? {} : { version: options.version }),
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** `-o sarif`: findings as SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps). */
export const sarifReporter = defineReporter({
  name: 'sarif',
  description: 'SARIF 2.1.0 for code scanning: the rules, and a located result per finding',
  options,
  render: {
    ...forFindingsKinds((r, o: SarifOptions) => complianceSarif(r, o)),
    findings: (r, o) => findingsSarif(r.data, o),
  },
});
