import type { FindingCount, Severity } from '@simian/core';
import { emptyBySeverity } from '../compliance/groups.js';
import { requirementsOfRule } from '../compliance/score.js';
import { frameworkMatches } from '../model/frameworks.js';
import type { RuleInfo } from '../model/finding.js';

/** The state of findings at one point of history: after one run. */
export interface TrendPoint {
  /** When (the run's start). */
  at: string;
  runId: string;
  open: number;
  waived: number;
  /** Open findings by severity. */
  bySeverity: Record<Severity, number>;
  /** Score per framework id at that point (null: nothing to score). */
  scores: Record<string, number | null>;
}

/** What one scan contributes to a point, worked out once. */
export interface ScanTally {
  open: number;
  waived: number;
  bySeverity: Record<Severity, number>;
  /** Rules with an open finding. */
  failing: Set<string>;
  /** Rules whose findings are all waived. */
  waivedOnly: Set<string>;
}

/** Counts one scan's findings, one at a time (or many alike at once), into a {@link ScanTally}. */
export class ScanCounter {
  readonly #tally: ScanTally = {
    open: 0,
    waived: 0,
    bySeverity: emptyBySeverity(),
    failing: new Set(),
    waivedOnly: new Set(),
  };
  readonly #waivedRules = new Set<string>();

  add(ruleId: string, severity: Severity, waived: boolean, count = 1): void {
    if (waived) {
      this.#tally.waived += count;
      this.#waivedRules.add(ruleId);
    } else {
      this.#tally.open += count;
      this.#tally.bySeverity[severity] += count;
      this.#tally.failing.add(ruleId);
    }
  }

  tally(): ScanTally {
    for (const r of this.#waivedRules)
      if (!this.#tally.failing.has(r)) this.#tally.waivedOnly.add(r);
    return this.#tally;
  }
}

/** The tally of a scan from the store's counts of its findings. */
export function tallyCounts(counts: readonly FindingCount[]): ScanTally {
  const counter = new ScanCounter();
  for (const c of counts) counter.add(c.ruleId, c.severity, c.waived, c.count);
  return counter.tally();
}

/** The controls of each framework, and the rules that check each, from the catalogue. */
export type FrameworkControls = Map<string, Map<string, string[]>>;

export function frameworkControls(
  rules: readonly RuleInfo[],
  framework?: string,
): FrameworkControls {
  const out: FrameworkControls = new Map();
  for (const rule of rules) {
    for (const req of requirementsOfRule(rule)) {
      if (framework && !frameworkMatches(req.framework, framework)) continue;
      let fw = out.get(req.framework);
      if (!fw) out.set(req.framework, (fw = new Map()));
      fw.set(req.control, [...(fw.get(req.control) ?? []), rule.id]);
    }
  }
  return out;
}

/** One point from the tallies of the latest scan of each monkey at that time. */
export function trendPoint(
  at: string,
  runId: string,
  tallies: Iterable<ScanTally>,
  controls: FrameworkControls,
): TrendPoint {
  const point: TrendPoint = {
    at,
    runId,
    open: 0,
    waived: 0,
    bySeverity: emptyBySeverity(),
    scores: {},
  };
  const failing = new Set<string>();
  const waivedOnly = new Set<string>();
  for (const t of tallies) {
    point.open += t.open;
    point.waived += t.waived;
    for (const [s, n] of Object.entries(t.bySeverity)) point.bySeverity[s as Severity] += n;
    for (const r of t.failing) failing.add(r);
    for (const r of t.waivedOnly) waivedOnly.add(r);
  }
  for (const [fw, byControl] of controls) {
    let pass = 0;
    let fail = 0;
    for (const ruleIds of byControl.values()) {
      if (ruleIds.some((r) => failing.has(r))) fail += 1;
      else if (!ruleIds.some((r) => waivedOnly.has(r) && !failing.has(r))) pass += 1;
    }
    point.scores[fw] = pass + fail === 0 ? null : Math.round((pass / (pass + fail)) * 1000) / 10;
  }
  return point;
}
