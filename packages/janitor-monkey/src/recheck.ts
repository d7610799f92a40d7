import {
  recheckLifecycleMark,
  type Action,
  type Inventory,
  type RecheckResult,
  type Resource,
} from '@simian/core';
import { assessEstate, enabledRules, type EnabledRule } from './assess.js';
import { listFreshEstate, type ScopeEstate } from './estate.js';
import { JANITOR_MARKS } from './marks.js';
import type { JanitorPlanContext } from './plan-janitor.js';

/** How long a fresh listing serves the re-checks of one apply: long enough for a batch. */
const FRESH_FOR_MS = 30_000;
const fresh = new WeakMap<Inventory, Map<string, { at: number; estate: Promise<ScopeEstate> }>>();

/** The scope `ref` was listed in this run. */
async function scopeOf(inventory: Inventory, ref: string): Promise<string | undefined> {
  for (const l of await inventory.listings()) {
    if (l.items.some((r) => r.ref === ref)) return l.key.scope;
  }
  return undefined;
}

/** The kinds the rules read, listed afresh in the scope (shared by the re-checks of one apply). */
function freshEstate(
  ctx: JanitorPlanContext,
  provider: string,
  scope: string,
  kinds: readonly string[],
): Promise<ScopeEstate> {
  let cache = fresh.get(ctx.inventory);
  if (!cache) fresh.set(ctx.inventory, (cache = new Map()));
  const key = `${provider}\0${scope}\0${[...kinds].sort().join(',')}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < FRESH_FOR_MS) return hit.estate;
  const estate = listFreshEstate(ctx.inventory.provider(provider), scope, kinds, ctx.signal);
  cache.set(key, { at: Date.now(), estate });
  return estate;
}

/**
 * Just before a removal step, on the executor's fresh read of the resource: is it still wanted?
 * Not when a person removed the mark or moved its deadline, when it opted out, was waived or
 * became managed, or when none of its rules finds it unused any more, judged on listings read
 * afresh now (the pod that mounts the claim may have started since the plan).
 */
export async function recheckJanitor(
  ctx: JanitorPlanContext,
  action: Action,
  current: Resource,
): Promise<RecheckResult> {
  const marked = recheckLifecycleMark(current, JANITOR_MARKS, ctx.now);
  if (!marked.ok) return marked;
  const ids = (action.ruleId ?? '').split(',').filter(Boolean);
  const rules = enabledRules(ctx.config, ctx.global.source.dir).filter((e) =>
    ids.some((id) => id === e.rule.id || id.startsWith(`${e.rule.id}:`)),
  );
  if (rules.length === 0)
    return { ok: false, reason: `no enabled rule of ${ids.join(', ')} judges it now` };
  const scope = await scopeOf(ctx.inventory, current.ref);
  if (!scope)
    return { ok: false, reason: `${current.kind} ${current.name} is in no listing of this run` };
  const kinds = [...new Set(rules.flatMap((e) => e.reads))];
  const listed = await freshEstate(ctx, current.provider, scope, kinds);
  if (listed.incomplete.size > 0) {
    return {
      ok: false,
      reason: `listing ${[...listed.incomplete.keys()].join(', ')} again failed, so its use cannot be re-checked`,
    };
  }
  // The fresh read of the resource itself replaces its entry in the fresh listing.
  const byKind = new Map(listed.byKind);
  const own = byKind.get(current.kind) ?? [];
  byKind.set(current.kind, [...own.filter((r) => r.ref !== current.ref), current]);
  const estate: ScopeEstate = { ...listed, byKind, memo: new Map() };
  const [a] = assessEstate(
    estate,
    rules as EnabledRule[],
    {
      now: ctx.now,
      config: ctx.config,
      global: ctx.global,
      monkey: ctx.config,
      gracePeriodMs: ctx.config.gracePeriod,
    },
    (r) => r.ref === current.ref,
  );
  if (!a) return { ok: false, reason: `${current.kind} ${current.name} is not judged any more` };
  if (a.exclusion) return { ok: false, reason: a.exclusion.reason ?? 'excluded' };
  const still = a.unused.filter((v) => ids.includes(v.ruleId) && !v.waiver);
  if (still.length === 0) {
    const why =
      a.used.map((u) => u.reason).join('; ') || a.unused.find((v) => v.waiver)?.waiver?.reason;
    return { ok: false, reason: `in use again${why ? `: ${why}` : ''}` };
  }
  return { ok: true };
}
