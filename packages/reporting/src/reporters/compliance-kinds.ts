import {
  complianceOfFindings,
  complianceOfRun,
  type ComplianceReport,
} from '../data/compliance.js';
import type { Report, ReportKind } from '../report.js';
import type { RenderFunction } from '../reporter.js';

/** The kinds of report that hold findings, which every findings format renders. */
export type FindingsKind = 'compliance' | 'findings' | 'plan' | 'run' | 'apply';

/**
 * Any report with findings as the one {@link ComplianceReport}: `simian report`'s as it is, a
 * scan's or a run's through the same preparation (waivers and mutes applied once), so a format is
 * written once and renders them all alike.
 */
export function complianceOf(report: Report<FindingsKind>): ComplianceReport {
  switch (report.kind) {
    case 'compliance':
      return report.data;
    case 'findings':
      return complianceOfFindings(report.data, report.context);
    default:
      return complianceOfRun(report.data, report.context);
  }
}

/** Render functions for every findings kind from one function of a compliance report. */
export function forFindingsKinds<O>(render: (report: ComplianceReport, options: O) => string): {
  [K in FindingsKind]: RenderFunction<K, O>;
} {
  const fn = (r: Report<FindingsKind>, o: O) => render(complianceOf(r), o);
  return { compliance: fn, findings: fn, plan: fn, run: fn, apply: fn } as {
    [K in FindingsKind]: RenderFunction<K, O>;
  };
}

/** Whether a kind holds findings. */
export const holdsFindings = (kind: ReportKind): kind is FindingsKind =>
  kind === 'compliance' ||
  kind === 'findings' ||
  kind === 'plan' ||
  kind === 'run' ||
  kind === 'apply';
