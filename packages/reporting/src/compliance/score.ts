import {
  frameworkMatches,
  frameworkTitle,
  requirementsOf,
  SIMIAN_FRAMEWORK,
  type Requirement,
} from '../model/frameworks.js';
import type { FindingResource, ReportedFinding, RuleInfo } from '../model/finding.js';

/** How one rule (a check) of a control stands: failing if any resource has an open finding. */
export type CheckStatus = 'pass' | 'fail' | 'waived';

/** One control (requirement) of a framework. */
export interface ControlResult {
  /** The requirement id: `5.2.2`, `baseline:host-namespaces`, a Simian rule id. */
  id: string;
  status: CheckStatus;
  /** Its checks (rules), each with how it stands. */
  checks: Array<{ ruleId: string; title: string; status: CheckStatus }>;
  /** Checks by status. */
  counts: Record<CheckStatus, number>;
  /** Resources with an open finding of one of its checks. */
  failing: FindingResource[];
  /** Resources whose findings of its checks are all waived. */
  waived: FindingResource[];
}

/** One framework: its score and every control Simian has a check for. */
export interface FrameworkResult {
  id: string;
  title: string;
  /** Passing controls out of passing and failing ones, in percent (waived ones left out); null without any. */
  score: number | null;
  controls: ControlResult[];
  /** Controls by status. */
  counts: Record<CheckStatus, number>;
}

/**
 * The rules a framework scores, per control: every compliance entry of `custom.frameworks`, and
 * each rule of the conformity monkey as a control of Simian's own architecture rules.
 */
export function requirementsOfRule(
  rule: Pick<RuleInfo, 'id' | 'frameworks' | 'monkey'>,
): Requirement[] {
  const out = requirementsOf(rule.frameworks);
  if (rule.monkey === 'conformity') out.push({ framework: SIMIAN_FRAMEWORK, control: rule.id });
  return out;
}

/**
 * Scores each framework over the rules that were evaluated: a control passes when none of its
 * checks has an open finding, fails when one does, and is waived when its only findings are
 * waived. Resolved findings count for nothing. `framework` keeps only the frameworks it names.
 */
export function scoreFrameworks(
  findings: readonly ReportedFinding[],
  rules: readonly RuleInfo[],
  framework?: string,
): FrameworkResult[] {
  const byRule = new Map<string, ReportedFinding[]>();
  for (const f of findings) {
    if (f.status === 'resolved') continue;
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  const controls = new Map<string, Map<string, RuleInfo[]>>();
  for (const rule of rules) {
    for (const req of requirementsOfRule(rule)) {
      if (framework && !frameworkMatches(req.framework, framework)) continue;
      let fw = controls.get(req.framework);
      if (!fw) controls.set(req.framework, (fw = new Map()));
      const list = fw.get(req.control) ?? [];
      if (!list.some((r) => r.id === rule.id)) list.push(rule);
      fw.set(req.control, list);
    }
  }
  const results: FrameworkResult[] = [];
  for (const [id, fw] of controls) {
    const list: ControlResult[] = [];
    for (const [control, checks] of fw) list.push(controlResult(control, checks, byRule));
    list.sort((a, b) => compareControlIds(a.id, b.id));
    const counts = countBy(list.map((c) => c.status));
    const scored = counts.pass + counts.fail;
    results.push({
      id,
      title: frameworkTitle(id),
      score: scored === 0 ? null : Math.round((counts.pass / scored) * 1000) / 10,
      controls: list,
      counts,
    });
  }
  return results.sort((a, b) => a.title.localeCompare(b.title));
}

function controlResult(
  id: string,
  rules: readonly RuleInfo[],
  byRule: ReadonlyMap<string, ReportedFinding[]>,
): ControlResult {
  const failing = new Map<string, FindingResource>();
  const waived = new Map<string, FindingResource>();
  const checks = rules.map((rule) => {
    const found = byRule.get(rule.id) ?? [];
    for (const f of found) {
      if (f.status === 'open') failing.set(f.resource.ref, f.resource);
    }
    for (const f of found) {
      if (f.status === 'waived' && !failing.has(f.resource.ref))
        waived.set(f.resource.ref, f.resource);
    }
    const status: CheckStatus = found.some((f) => f.status === 'open')
      ? 'fail'
      : found.length > 0
        ? 'waived'
        : 'pass';
    return { ruleId: rule.id, title: rule.title, status };
  });
  const counts = countBy(checks.map((c) => c.status));
  const status: CheckStatus = counts.fail > 0 ? 'fail' : counts.waived > 0 ? 'waived' : 'pass';
  return {
    id,
    status,
    checks,
    counts,
    failing: [...failing.values()],
    waived: [...waived.values()].filter((r) => !failing.has(r.ref)),
  };
}

function countBy(statuses: readonly CheckStatus[]): Record<CheckStatus, number> {
  const counts = { pass: 0, fail: 0, waived: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** `5.1.10` after `5.1.9`: numeric parts compare as numbers. */
function compareControlIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
