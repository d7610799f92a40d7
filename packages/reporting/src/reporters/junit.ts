import { z } from 'zod';
import type { ComplianceReport } from '../data/compliance.js';
import type { FindingsReport, ReportFinding } from '../data/findings.js';
import type { ReportedFinding } from '../model/finding.js';
import { defineReporter } from '../reporter.js';
import { xmlEscape } from '../xml.js';
import { forFindingsKinds } from './compliance-kinds.js';

const options = z.strictObject({
  /** @default "simian scan" */
  name: z
    .string()
    .default('simian scan')
    .describe('The name of the <testsuites> element, as CI test reports show it.'),
});

/**
 * JUnit XML for CI test reports: one test suite per rule with one failing test case per resource
 * that breaks it (waived ones are `skipped`, with the waiver), and a `conforming` suite with one
 * passing test case per resource without findings.
 */
export function findingsJunit(report: FindingsReport, name = 'simian scan'): string {
  const byRule = new Map<string, ReportFinding[]>();
  for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const withFindings = new Set(report.findings.map((f) => f.resource.ref));
  const conforming = report.resources.filter((r) => !withFindings.has(r.ref));
  const titles = new Map(report.rules.map((r) => [r.id, r]));

  const suites: string[] = [];
  for (const [ruleId, findings] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const skipped = findings.filter((f) => f.waiver).length;
    const rule = titles.get(ruleId);
    const suite = rule ? `${ruleId}: ${rule.title}` : ruleId;
    const cases = findings.map((f) => {
      const open = `    <testcase classname="${xmlEscape(ruleId)}" name="${xmlEscape(f.resource.ref)}"${location(f)}>`;
      if (f.waiver) {
        const w = f.waiver;
        const by = [
          w.by === 'config' ? 'the waiver list' : 'an annotation',
          w.owner && `owner ${w.owner}`,
          w.ticket && `ticket ${w.ticket}`,
        ]
          .filter(Boolean)
          .join(', ');
        return `${open}\n      <skipped message="${xmlEscape(`waived by ${by}${w.reason ? `: ${w.reason}` : ''}`)}"/>\n    </testcase>`;
      }
      const body = [f.message, rule?.remediation && `remediation: ${rule.remediation}`]
        .filter(Boolean)
        .join('\n');
      return `${open}\n      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${xmlEscape(body)}</failure>\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="${xmlEscape(suite)}" tests="${findings.length}" failures="${findings.length - skipped}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  if (conforming.length > 0) {
    const cases = conforming.map(
      (r) => `    <testcase classname="conforming" name="${xmlEscape(r.ref)}"/>`,
    );
    suites.push(
      `  <testsuite name="conforming" tests="${conforming.length}" failures="0" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const tests = report.findings.length + conforming.length;
  const skipped = report.findings.filter((f) => f.waiver).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(name)}" tests="${tests}" failures="${report.findings.length - skipped}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function location(f: Pick<ReportFinding, 'location'>): string {
  if (!f.location) return '';
  const line = f.location.line === undefined ? '' : ` line="${f.location.line}"`;
  return ` file="${xmlEscape(f.location.file)}"${line}`;
}

/**
 * JUnit XML of a compliance report: a suite per rule evaluated, one test case per rule and
 * resource: failing for an open finding, skipped for a waived one (with the waiver), passing for a
 * resolved one; a rule without findings is one passing case, so CI sees every check that ran.
 */
export function complianceJunit(report: ComplianceReport, name = 'simian'): string {
  const byRule = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const rule of report.rules) {
    const findings = byRule.get(rule.id) ?? [];
    const cases =
      findings.length === 0
        ? [
            `    <testcase classname="${xmlEscape(rule.id)}" name="${xmlEscape(`${rule.id}: no findings`)}"/>`,
          ]
        : findings.map((f) => {
            const open = `    <testcase classname="${xmlEscape(rule.id)}" name="${xmlEscape(f.resource.ref)}"${location(f)}>`;
            if (f.status === 'waived') {
              const w = f.waiver!;
              const by = [
                w.by === 'config' ? 'a waiver list' : 'an annotation',
                w.owner && `owner ${w.owner}`,
                w.ticket && `ticket ${w.ticket}`,
                w.expires && `until ${w.expires}`,
              ]
                .filter(Boolean)
                .join(', ');
              return `${open}\n      <skipped message="${xmlEscape(`waived by ${by}${w.reason ? `: ${w.reason}` : ''}`)}"/>\n    </testcase>`;
            }
            if (f.status === 'resolved') {
              return `${open}\n      <system-out>${xmlEscape(`resolved since the baseline: ${f.message}`)}</system-out>\n    </testcase>`;
            }
            const body = [
              f.message,
              f.remediation && `remediation: ${f.remediation}`,
              `finding ${f.id}, first seen ${f.firstSeen}`,
            ]
              .filter(Boolean)
              .join('\n');
            return `${open}\n      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${xmlEscape(body)}</failure>\n    </testcase>`;
          });
    const suiteFailures = findings.filter((f) => f.status === 'open').length;
    const suiteSkipped = findings.filter((f) => f.status === 'waived').length;
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xmlEscape(`${rule.id}: ${rule.title}`)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** `-o junit`: findings as JUnit XML, for the test report of a CI system. */
export const junitReporter = defineReporter({
  name: 'junit',
  description: 'JUnit XML for CI test reports: a suite per rule, a failing case per resource',
  options,
  render: {
    ...forFindingsKinds((r, o: z.output<typeof options>) => complianceJunit(r, o.name)),
    findings: (r, o) => findingsJunit(r.data, o.name),
  },
});
