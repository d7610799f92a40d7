import type { FaultRecord, RecoveryRecord, RunResult, Severity } from '@simian/core';
import { isExpired } from '@simian/core';
import { emptyBySeverity, summarizeBy, type GroupSummary } from '../compliance/groups.js';
import { requirementsOfRule, scoreFrameworks, type FrameworkResult } from '../compliance/score.js';
import type { StoreHistory } from '../history/store-history.js';
import type { TrendPoint } from '../history/trends.js';
import { frameworkMatches } from '../model/frameworks.js';
import {
  ownerOf,
  placeOf,
  type ReportedFinding,
  type RuleInfo,
  type SourceFinding,
} from '../model/finding.js';
import { prepareFindings, sortFindings, type Mute } from '../model/prepare.js';
import { recoveryTrends, type RecoveryTrend } from '../ops/recoveries.js';
import { savingsOf, type Savings } from '../ops/savings.js';
import type { FindingsReport } from './findings.js';

/** Counts over a compliance report. Open counts leave waived and resolved findings out. */
export interface ComplianceSummary {
  open: number;
  waived: number;
  resolved: number;
  /** Hidden by `reporting.mutes`. */
  muted: number;
  /** Open or waived findings that were not there at the baseline (never seen before). */
  new: number;
  /** Findings that are back after they were gone at the baseline. */
  regressed: number;
  /** Open findings by severity. */
  bySeverity: Record<Severity, number>;
  /** Resources with an open or waived finding. */
  resources: number;
  /** Resources looked at, when known (a scan). */
  judged?: number;
  /** Rules evaluated. */
  rules: number;
}

/** A residual fault: still on its object after its expiry. */
export interface ResidualFault {
  ref: string;
  provider: string;
  scope: string;
  expiresAt: string;
  runId?: string;
  monkey?: string;
}

/**
 * The `compliance` kind: everything `simian report` shows, and what every findings format renders.
 * Built by {@link buildComplianceReport} from findings (of the store, a run or a scan).
 */
export interface ComplianceReport {
  title: string;
  generatedAt: string;
  /** Where the findings come from. */
  source: 'store' | 'run' | 'scan';
  /** The runs whose findings these are. */
  runs: string[];
  /** The `--framework` filter, if one was given. */
  framework?: string;
  /** Open, waived and resolved findings, open first and worst first. */
  findings: ReportedFinding[];
  /** The rules evaluated, and those of the findings. */
  rules: RuleInfo[];
  summary: ComplianceSummary;
  /** A score per framework, with every control. */
  frameworks: FrameworkResult[];
  byOwner: GroupSummary[];
  /** Per namespace (Kubernetes) or region (AWS). */
  byPlace: GroupSummary[];
  /** From the store's history. */
  trends?: { baseline?: { at: string; runIds: string[] }; points: TrendPoint[] };
  /** The janitor's estimated savings. */
  savings?: Savings;
  /** The chaos monkey's recovery times per group. */
  recoveries?: RecoveryTrend[];
  /** Active faults, when the targets were asked (a run, the daemon), and those past their expiry. */
  faults?: { active: number; residual: ResidualFault[] };
}

/** What {@link buildComplianceReport} is made from. */
export interface ComplianceInput {
  source: ComplianceReport['source'];
  findings: readonly SourceFinding[];
  /** The rules that were evaluated (a rule with no finding passes). @default the findings' rules */
  rules?: readonly RuleInfo[];
  mutes?: readonly Mute[];
  /** Only frameworks (and the findings of rules mapped to them) this filter picks. */
  framework?: string;
  runs?: string[];
  title?: string;
  /** History from the store: first seen, changes, resolved findings, trend points. */
  history?: Pick<StoreHistory, 'baseline' | 'changes' | 'resolved' | 'seen' | 'points'> &
    Partial<Pick<StoreHistory, 'ids'>>;
  /** Recovery records of the last 60 days, for recovery times and the slower-than-last-month finding. */
  recoveries?: readonly RecoveryRecord[];
  faults?: readonly FaultRecord[];
  /** Resources looked at, when known. */
  judged?: number;
  /** @default new Date() */
  now?: Date;
}

/**
 * The one place a report is decided: mutes and waivers applied once, history joined, frameworks
 * scored, groups counted. Every format renders its result and nothing else, so they all agree.
 */
export function buildComplianceReport(input: ComplianceInput): ComplianceReport {
  const now = input.now ?? new Date();
  const recovery = input.recoveries ? recoveryTrends(input.recoveries, now) : undefined;
  const source = [...input.findings, ...(recovery?.findings ?? [])];
  const catalogue = new Map<string, RuleInfo>((input.rules ?? []).map((r) => [r.id, r]));
  for (const f of [...source, ...(input.history?.resolved ?? [])]) {
    if (!catalogue.has(f.ruleId)) catalogue.set(f.ruleId, ruleOfFinding(f));
  }
  const inFramework = (ruleId: string) => {
    if (!input.framework) return true;
    const rule = catalogue.get(ruleId);
    return (
      rule !== undefined &&
      requirementsOfRule(rule).some((r) => frameworkMatches(r.framework, input.framework!))
    );
  };
  const prepared = prepareFindings(
    source.filter((f) => inFramework(f.ruleId)),
    {
      rules: catalogue,
      ...(input.mutes ? { mutes: input.mutes } : {}),
      ...(input.history ? { seen: input.history.seen, changes: input.history.changes } : {}),
      ...(input.history?.ids ? { ids: input.history.ids } : {}),
      now,
    },
  );
  const resolved = resolvedFindings(input, catalogue, inFramework, now);
  // Open and waived findings come sorted, before every resolved one: only the resolved need sorting.
  const findings = [...prepared.findings, ...sortFindings(resolved)];
  const rules = [...catalogue.values()]
    .filter((r) => inFramework(r.id))
    .sort((a, b) => a.id.localeCompare(b.id));

  const report: ComplianceReport = {
    title: input.title ?? 'Simian compliance report',
    generatedAt: now.toISOString(),
    source: input.source,
    runs: input.runs ?? [],
    findings,
    rules,
    summary: summarize(findings, prepared.muted, rules.length, input.judged),
    frameworks: scoreFrameworks(findings, rules, input.framework),
    byOwner: summarizeBy(findings, (f) => ownerOf(f.resource)),
    byPlace: summarizeBy(findings, (f) => placeOf(f.resource)),
  };
  if (input.framework) report.framework = input.framework;
  if (input.history) {
    report.trends = {
      ...(input.history.baseline ? { baseline: input.history.baseline } : {}),
      points: input.history.points,
    };
  }
  const savings = savingsOf(findings);
  if (savings) report.savings = savings;
  if (recovery && recovery.groups.length > 0) report.recoveries = recovery.groups;
  if (input.faults) {
    report.faults = {
      active: input.faults.length,
      residual: input.faults.filter((f) => isExpired(f, now)).map(residual),
    };
  }
  return report;
}

/** A rule described by its findings alone (a monkey's rule with no catalogue entry). */
export function ruleOfFinding(f: SourceFinding): RuleInfo {
  return {
    id: f.ruleId,
    title: f.title ?? f.ruleId,
    severity: f.severity,
    monkey: f.monkey,
    ...(f.remediation === undefined ? {} : { remediation: f.remediation }),
    ...(f.frameworks === undefined ? {} : { frameworks: f.frameworks }),
  };
}

function resolvedFindings(
  input: ComplianceInput,
  catalogue: ReadonlyMap<string, RuleInfo>,
  inFramework: (ruleId: string) => boolean,
  now: Date,
): ReportedFinding[] {
  const gone = (input.history?.resolved ?? []).filter((f) => inFramework(f.ruleId));
  if (gone.length === 0) return [];
  return prepareFindings(gone, {
    rules: catalogue,
    ...(input.mutes ? { mutes: input.mutes } : {}),
    seen: input.history!.seen,
    ...(input.history!.ids ? { ids: input.history!.ids } : {}),
    now,
  }).findings.map((f) => {
    const { waiver: _waiver, ...rest } = f;
    return { ...rest, status: 'resolved' as const, change: 'resolved' as const };
  });
}

function summarize(
  findings: readonly ReportedFinding[],
  muted: number,
  rules: number,
  judged: number | undefined,
): ComplianceSummary {
  const bySeverity = emptyBySeverity();
  const summary: ComplianceSummary = {
    open: 0,
    waived: 0,
    resolved: 0,
    muted,
    new: 0,
    regressed: 0,
    bySeverity,
    resources: 0,
    rules,
  };
  const refs = new Set<string>();
  for (const f of findings) {
    summary[f.status] += 1;
    if (f.status === 'open') bySeverity[f.severity] += 1;
    if (f.status !== 'resolved') {
      refs.add(f.resource.ref);
      if (f.change === 'new') summary.new += 1;
      if (f.change === 'regressed') summary.regressed += 1;
    }
  }
  summary.resources = refs.size;
  if (judged !== undefined) summary.judged = judged;
  return summary;
}

function residual(f: FaultRecord): ResidualFault {
  const stamp = f as FaultRecord & { runId?: string; monkey?: string };
  return {
    ref: f.ref,
    provider: f.provider,
    scope: f.scope,
    expiresAt: f.expiresAtMs > 0 ? new Date(f.expiresAtMs).toISOString() : 'unreadable',
    ...(typeof stamp.runId === 'string' ? { runId: stamp.runId } : {}),
    ...(typeof stamp.monkey === 'string' ? { monkey: stamp.monkey } : {}),
  };
}

/** The findings report of `simian scan` as a compliance report: its rules, resources and findings. */
export function complianceOfFindings(
  report: FindingsReport,
  context: ReportContext = {},
): ComplianceReport {
  return buildComplianceReport({
    source: 'scan',
    findings: report.findings,
    rules: report.rules.map((r) => ({ ...r, monkey: r.monkey ?? regoRuleMonkey(r) })),
    judged: report.resources.length,
    ...contextInput(context),
  });
}

/** A Rego rule (it has an entrypoint) that names no monkey is the conformity monkey's. */
function regoRuleMonkey(rule: object): string | undefined {
  const entrypoint = (rule as { entrypoint?: unknown }).entrypoint;
  return typeof entrypoint === 'string' && entrypoint !== '' ? 'conformity' : undefined;
}

/** The findings of a run (or plan) as a compliance report. */
export function complianceOfRun(result: RunResult, context: ReportContext = {}): ComplianceReport {
  return buildComplianceReport({
    source: 'run',
    findings: result.monkeys.flatMap((m) => m.gated.findings),
    runs: [result.runId],
    title: `Simian ${result.dryRun ? 'dry run' : 'run'} ${result.runId}`,
    ...(context.rules
      ? {
          rules: context.rules.filter(
            (r) => !r.monkey || result.monkeys.some((m) => m.monkey === r.monkey),
          ),
        }
      : {}),
    ...contextInput(context),
  });
}

/**
 * What a command knows that a findings format needs besides the report's data: the rule
 * catalogue (so rules without findings pass), the mutes of simian.yaml, and the time.
 */
export interface ReportContext {
  rules?: readonly RuleInfo[];
  mutes?: readonly Mute[];
  now?: Date;
  framework?: string;
  faults?: readonly FaultRecord[];
}

function contextInput(context: ReportContext): Partial<ComplianceInput> {
  return {
    ...(context.mutes ? { mutes: context.mutes } : {}),
    ...(context.now ? { now: context.now } : {}),
    ...(context.framework ? { framework: context.framework } : {}),
    ...(context.faults ? { faults: context.faults } : {}),
  };
}
