import {
  formatDuration,
  readFirstSeen,
  type MonkeyBaseConfig,
  type Resource,
  type SimianConfig,
} from '@simian/core';
import type { JanitorConfig } from './config.js';
import type { ScopeEstate } from './estate.js';
import { exclusionOf, namespaceOffLimits, waiverFor, type Exclusion } from './exclusions.js';
import { JANITOR_MARKS } from './marks.js';
import { JANITOR_RULES } from './rules/index.js';
import type { JanitorRule, Judgement, RuleBaseConfig } from './rules/rule.js';

/** A rule as the config has it: on, with its settings, the kinds it judges and reads. */
export interface EnabledRule {
  rule: JanitorRule<RuleBaseConfig>;
  config: RuleBaseConfig & Record<string, unknown>;
  kinds: readonly string[];
  reads: readonly string[];
}

/** The rules the config turns on, with the kinds each judges and reads under it. */
export function enabledRules(config: JanitorConfig, configDir: string): EnabledRule[] {
  return JANITOR_RULES.flatMap((rule) => {
    const own = config.rules[rule.id];
    if (!own?.enabled) return [];
    const under = rule.kindsFor?.(own, configDir);
    return [
      { rule, config: own, kinds: under?.kinds ?? rule.kinds, reads: under?.reads ?? rule.reads },
    ];
  });
}

/** What one unused verdict comes to now. */
export interface UnusedVerdict {
  rule: EnabledRule;
  /** The rule id reported (a rules file's rule has its own). */
  ruleId: string;
  judgement: Extract<Judgement, { unused: true }>;
  /** Since when it is unused: the API's time, else the janitor's first-seen mark. */
  since?: Date;
  /** Marked (and the owner told) now: past `after`, or within the grace period of its deadline. */
  ripe: boolean;
  /** When it becomes ripe, if it is not. */
  ripeAt?: Date;
  /** The rule counts from the janitor's first sight, which it has not recorded yet. */
  needsFirstSeen: boolean;
  /** A waiver of the config, or the resource's exclusion. */
  waiver?: Exclusion;
}

/** Everything the janitor concluded about one resource. */
export interface Assessment {
  resource: Resource;
  estate: ScopeEstate;
  unused: UnusedVerdict[];
  /** Rules that found it in use, with why. */
  used: Array<{ ruleId: string; reason: string }>;
  firstSeen?: Date;
  exclusion?: Exclusion;
}

/** What the janitor needs besides the estate. */
export interface AssessContext {
  now: Date;
  config: JanitorConfig;
  global: SimianConfig;
  monkey: MonkeyBaseConfig;
  gracePeriodMs: number;
}

/** Which rules cannot be judged in the estate, because a listing they read failed. */
export function blockedRules(
  estate: ScopeEstate,
  rules: readonly EnabledRule[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of rules) {
    if (e.rule.provider !== estate.provider) continue;
    const failed = e.reads.filter((k) => estate.incomplete.has(k));
    if (failed.length > 0) {
      out.set(e.rule.id, failed.map((k) => `${k} (${estate.incomplete.get(k)!})`).join('; '));
    }
  }
  return out;
}

/**
 * Judges every resource of the estate by every enabled rule of its provider whose listings are
 * complete, and works out for each unused verdict since when, whether it is ripe, and what keeps
 * the janitor off it. Pure: it reads the estate and the marks, nothing else.
 */
export function assessEstate(
  estate: ScopeEstate,
  rules: readonly EnabledRule[],
  ctx: AssessContext,
  only?: (r: Resource) => boolean,
): Assessment[] {
  const blocked = blockedRules(estate, rules);
  const usable = rules.filter(
    (e) => e.rule.provider === estate.provider && !blocked.has(e.rule.id),
  );
  const byRef = new Map<string, Assessment>();
  for (const e of usable) {
    for (const kind of e.kinds) {
      for (const r of estate.byKind.get(kind) ?? []) {
        if (only && !only(r)) continue;
        if (namespaceOffLimits(r, ctx.global, ctx.monkey)) continue;
        let a = byRef.get(r.ref);
        if (!a) {
          const firstSeen = readFirstSeen(r, JANITOR_MARKS);
          const exclusion = exclusionOf(r, ctx.config, ctx.global);
          a = {
            resource: r,
            estate,
            unused: [],
            used: [],
            ...(firstSeen ? { firstSeen } : {}),
            ...(exclusion ? { exclusion } : {}),
          };
          byRef.set(r.ref, a);
        }
        const j = e.rule.judge(r, {
          now: ctx.now,
          estate,
          config: e.config,
          configDir: ctx.global.source.dir,
          ...(a.firstSeen ? { firstSeen: a.firstSeen } : {}),
        });
        if (!j) continue;
        const ruleId = (j.unused ? j.ruleId : undefined) ?? e.rule.id;
        if (!j.unused) {
          a.used.push({ ruleId, reason: j.reason });
          continue;
        }
        a.unused.push(verdictOf(e, ruleId, j, a, ctx));
      }
    }
  }
  return [...byRef.values()];
}

function verdictOf(
  e: EnabledRule,
  ruleId: string,
  j: Extract<Judgement, { unused: true }>,
  a: Assessment,
  ctx: AssessContext,
): UnusedVerdict {
  const since = j.since ?? (j.deadline ? undefined : a.firstSeen);
  const ripeAt = j.deadline
    ? new Date(j.deadline.getTime() - ctx.gracePeriodMs)
    : since
      ? new Date(since.getTime() + e.config.after)
      : undefined;
  const waiver = a.exclusion ?? configWaiver(a.resource, ruleId, ctx);
  return {
    rule: e,
    ruleId,
    judgement: j,
    ...(since ? { since } : {}),
    ripe: ripeAt !== undefined && ripeAt.getTime() <= ctx.now.getTime(),
    ...(ripeAt ? { ripeAt } : {}),
    needsFirstSeen: !j.since && !j.deadline && !a.firstSeen,
    ...(waiver ? { waiver } : {}),
  };
}

function configWaiver(r: Resource, ruleId: string, ctx: AssessContext): Exclusion | undefined {
  const w = waiverFor(ctx.config.waivers, r, ruleId, ctx.now);
  return w
    ? {
        by: 'config',
        reason: w.reason,
        ...(w.owner ? { owner: w.owner } : {}),
        ...(w.expires ? { expires: w.expires } : {}),
      }
    : undefined;
}

/** How long something has been so, in words: `45d3h`. */
export const ageOf = (since: Date, now: Date): string =>
  formatDuration(Math.max(0, now.getTime() - since.getTime()));
