import { SEVERITIES, type Finding, type Severity } from '@simian/core';

/** Who or what excuses a finding; core's waiver plus the fields a waiver list may give. */
export interface ReportWaiver extends NonNullable<Finding['waiver']> {
  approver?: string;
  ticket?: string;
}

/**
 * Core's `Finding`, as any monkey (or `simian scan`) makes it, with what reports can show when it
 * is known: the rule's title and the file and line that define the resource.
 */
export interface ReportFinding extends Finding {
  title?: string;
  waiver?: ReportWaiver;
  location?: { file: string; line?: number };
}

/** A rule as reports describe it (a policy's METADATA, or a monkey's own rule). */
export interface ReportRule {
  id: string;
  title: string;
  severity: Severity;
  description?: string;
  remediation?: string;
  /** Frameworks and checks the rule maps to. @default [] */
  frameworks?: string[];
  /** Whether a monkey may act (tear down) on it. @default false */
  enforceable?: boolean;
  /** The monkey that evaluates it (METADATA `custom.monkey`). */
  monkey?: string;
}

/** A resource that was looked at, with or without findings (JUnit lists the clean ones as passing). */
export interface ReportResource {
  ref: string;
  kind: string;
  name: string;
  namespace?: string;
  location?: { file: string; line?: number };
}

/** Counts over one set of findings. Finding counts leave waived findings out; `waived` counts those. */
export interface FindingsSummary {
  /** Files read, when the findings come from files (`simian scan`). */
  files?: number;
  resources: number;
  /** Rules evaluated. */
  rules: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  waived: number;
  expiredWaivers: number;
  /** The `--fail-on` threshold, when one was given. */
  failOn?: Severity;
  /** Whether a finding at or above `failOn` is not waived. */
  failed?: boolean;
}

/**
 * The `findings` kind: what table, json, junit and sarif render. `simian scan`'s result is one;
 * {@link findingsReport} makes one from any monkey's findings.
 */
export interface FindingsReport {
  findings: ReportFinding[];
  summary: FindingsSummary;
  /** Everything looked at. @default the resources of the findings */
  resources: ReportResource[];
  /** The rules evaluated (SARIF lists them; JUnit names suites after them). */
  rules: ReportRule[];
}

/** A findings report from plain findings, e.g. those of a run's monkeys. */
export function findingsReport(
  findings: readonly ReportFinding[],
  extra: { rules?: ReportRule[]; resources?: ReportResource[] } = {},
): FindingsReport {
  const resources =
    extra.resources ??
    [...new Map(findings.map((f) => [f.resource.ref, f.resource])).values()].map((r) => ({
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
    }));
  const open = findings.filter((f) => !f.waiver);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of open) bySeverity[f.severity] += 1;
  return {
    findings: [...findings],
    summary: {
      resources: resources.length,
      rules: extra.rules?.length ?? new Set(findings.map((f) => f.ruleId)).size,
      findings: open.length,
      bySeverity,
      waived: findings.length - open.length,
      expiredWaivers: 0,
    },
    resources,
    rules: extra.rules ?? [],
  };
}
