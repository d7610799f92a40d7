import { findingId, severityRank } from '@simian/core';
import type { ReportingConfig } from '@simian/core';
import { globMatch } from './glob.js';
import {
  findingResource,
  type FindingChange,
  type ReportedFinding,
  type RuleInfo,
  type SourceFinding,
} from './finding.js';

/** One entry of `reporting.mutes`. */
export type Mute = ReportingConfig['mutes'][number];

/** What {@link prepareFindings} needs besides the findings. */
export interface PrepareOptions {
  /** Findings hidden from every report. @default [] */
  mutes?: readonly Mute[];
  /** The rule catalogue: titles, remediation and frameworks where a finding lacks them. */
  rules?: ReadonlyMap<string, RuleInfo>;
  /** First and last seen per finding id (the store's history). @default now, for both */
  seen?: ReadonlyMap<string, { first: string; last: string }>;
  /** Changes since the baseline, per finding id. */
  changes?: ReadonlyMap<string, FindingChange>;
  /** Ids already known (the store's, as recorded), so they are not hashed again. */
  ids?: ReadonlyMap<SourceFinding, string>;
  /** @default new Date() */
  now?: Date;
}

/** Findings ready for every format, and how many mutes hid. */
export interface PreparedFindings {
  findings: ReportedFinding[];
  muted: number;
}

/**
 * Turns findings into the report's {@link ReportedFinding}s: ids, rule details, history, and the
 * status every format shows. Mutes and waivers are applied here, once, so every format agrees on
 * what is open, waived or hidden (kubescape's console and SARIF disagree; ours must not). A mute
 * whose `until` has passed no longer applies. Worst first, then by rule and resource.
 */
export function prepareFindings(
  source: readonly SourceFinding[],
  options: PrepareOptions = {},
): PreparedFindings {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const mutes = (options.mutes ?? []).filter((m) => !m.until || untilOf(m.until) > now);
  const out: ReportedFinding[] = [];
  let muted = 0;
  for (const f of source) {
    if (
      mutes.some((m) => globMatch(m.rule, f.ruleId) && (!m.ref || globMatch(m.ref, f.resource.ref)))
    ) {
      muted += 1;
      continue;
    }
    const id = options.ids?.get(f) ?? findingId(f);
    const rule = options.rules?.get(f.ruleId);
    const seen = options.seen?.get(id);
    const change = options.changes?.get(id);
    const remediation = f.remediation ?? rule?.remediation;
    const reported: ReportedFinding = {
      id,
      ruleId: f.ruleId,
      title: f.title ?? rule?.title ?? f.ruleId,
      severity: f.severity,
      monkey: f.monkey,
      resource: findingResource(f.resource),
      message: f.message,
      frameworks: f.frameworks ?? rule?.frameworks ?? [],
      status: f.waiver ? 'waived' : 'open',
      firstSeen: seen?.first ?? at,
      lastSeen: seen?.last ?? at,
    };
    if (f.evidence !== undefined) reported.evidence = f.evidence;
    if (remediation !== undefined) reported.remediation = remediation;
    if (f.waiver) reported.waiver = f.waiver;
    if (change) reported.change = change;
    if (f.location) reported.location = f.location;
    if (f.group !== undefined) reported.group = f.group;
    out.push(reported);
  }
  return { findings: sortFindings(out), muted };
}

/** Open first, then waived, then resolved; worst first; then by rule and ref. */
export function sortFindings(findings: ReportedFinding[]): ReportedFinding[] {
  const order = { open: 0, waived: 1, resolved: 2 } as const;
  // Rules and refs compare as `localeCompare` does. With tens of thousands of findings, each
  // distinct string is ranked once, and each finding gets one number that orders as the four keys
  // do (a stable sort of equal numbers keeps the order equal keys had).
  const rule = collationRanks(findings.map((f) => f.ruleId));
  const ref = collationRanks(findings.map((f) => f.resource.ref));
  const rules = rule.size + 1;
  const refs = ref.size + 1;
  // severityRank is -1 (unknown) to 4: 30 minus it stays within 0..31.
  const severities = 32;
  if (3 * severities * rules * refs >= Number.MAX_SAFE_INTEGER) {
    return findings.sort(
      (a, b) =>
        order[a.status] - order[b.status] ||
        severityRank(b.severity) - severityRank(a.severity) ||
        rule.get(a.ruleId)! - rule.get(b.ruleId)! ||
        ref.get(a.resource.ref)! - ref.get(b.resource.ref)!,
    );
  }
  const keys = findings.map(
    (f) =>
      ((order[f.status] * severities + (30 - severityRank(f.severity))) * rules +
        rule.get(f.ruleId)!) *
        refs +
      ref.get(f.resource.ref)!,
  );
  const sorted = findings
    .map((_, i) => i)
    .sort((a, b) => keys[a]! - keys[b]!)
    .map((i) => findings[i]!);
  // In place, as before: callers may hold the array.
  for (let i = 0; i < sorted.length; i++) findings[i] = sorted[i]!;
  return findings;
}

/** Each distinct string's place in `localeCompare` order; strings that compare equal share one. */
function collationRanks(values: readonly string[]): Map<string, number> {
  const { compare } = new Intl.Collator();
  const distinct = [...new Set(values)].sort(compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  distinct.forEach((v, i) => {
    if (i > 0 && compare(distinct[i - 1]!, v) !== 0) rank += 1;
    ranks.set(v, rank);
  });
  return ranks;
}

/** A date-only `until` lasts to the end of that day (UTC), as waivers do. */
function untilOf(until: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(until)
    ? new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000)
    : new Date(until);
}
