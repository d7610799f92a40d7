// The safety promises, judged on what reached the providers: written from docs/safety.md, not from
// the gate's code, so a gate that forgets a rule (or a road that skips the gate) is caught.
import {
  isDestructive,
  type Resource,
  type RunResult,
  type SimianConfig,
  type Store,
} from '@simian/core';
import type { ProviderCall } from './estate-provider.js';

/** The system namespaces, protected whatever the config lists (docs/safety.md). */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'simian-system'];
const truthy = (v: string | undefined) =>
  v !== undefined && ['true', 'yes', '1', 'on'].includes(v.toLowerCase());

interface IncludeExclude {
  include: string[];
  exclude: string[];
}
const glob = (p: string, v: string) => (p.endsWith('*') ? v.startsWith(p.slice(0, -1)) : p === v);
const inScope = (v: string | undefined, r: IncludeExclude | undefined) =>
  v === undefined ||
  !r ||
  (!r.exclude.some((p) => glob(p, v)) &&
    (r.include.length === 0 || r.include.some((p) => glob(p, v))));

/** A drawn `monkeys.<name>` section, as the oracle reads it. */
interface DrawnMonkey {
  dryRun?: boolean;
  schedule: {
    windows: { days: string[]; hours: { start: string; end: string }; holidays: string[] };
    minTimeBetweenActions: string;
  };
  safety: {
    optInLabel?: string;
    blastRadius?: { maxActionsPerRun?: number };
    scope?: { namespaces?: IncludeExclude };
  };
}
export interface DrawnConfig {
  dryRun?: boolean;
  safety: {
    scope: Record<'namespaces' | 'contexts' | 'accounts' | 'regions', IncludeExclude>;
    protected: { namespaces: string[]; labels: Record<string, string> };
    blastRadius: { maxActionsPerRun: number; maxGroupShare: number; minHealthy: number };
  };
  monkeys: Record<string, DrawnMonkey>;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTES = { '0s': 0, '30m': 30 * 60_000, '1h': 3_600_000 } as Record<string, number>;

/** Inside the drawn window (UTC, start before end), as docs/safety.md states it. */
function insideWindow(now: Date, w: DrawnMonkey['schedule']['windows']): boolean {
  const day = DAYS[now.getUTCDay()]!;
  const date = now.toISOString().slice(0, 10);
  const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return (
    w.days.includes(day) &&
    !w.holidays.includes(date) &&
    minutes >= at(w.hours.start) &&
    minutes < at(w.hours.end)
  );
}

/** What one session was, for the oracle. */
export interface SessionRecord {
  road: 'run' | 'plan' | 'apply' | 'experiment';
  now: Date;
  calls: ProviderCall[];
  result: RunResult | undefined;
  /** Calls after which the kill switch was engaged (0: from the start; undefined: never). */
  killSwitchAfter: number | undefined;
  /** Actions that had already read the kill switch, unengaged, when it was engaged. */
  killSwitchInFlight: number;
  dryRunFlag: boolean | undefined;
  /** Whether the estate changed during the session. */
  changed: boolean;
  runId: string | undefined;
}

/** Whether `monkey` runs in dry-run, by the order docs/cli.md states. */
function dryRunOf(config: DrawnConfig, monkey: string, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (config.dryRun === true) return true;
  return config.monkeys[monkey]?.dryRun ?? config.dryRun ?? true;
}

/** Every broken promise of one session, in words; empty when it kept them all. */
export function judgeSession(
  drawn: DrawnConfig,
  parsed: SimianConfig,
  session: SessionRecord,
  store: Store,
  budgets: Map<string, number>,
  budgetOf: (pod: Resource) => string | undefined,
): string[] {
  const broken: string[] = [];
  const say = (call: ProviderCall, what: string) =>
    broken.push(`${session.road}: ${call.verb} ${call.ref} by ${call.action.monkey}: ${what}`);
  const s = drawn.safety;
  const protectedNs = [...SYSTEM_NAMESPACES, ...s.protected.namespaces];
  const optOut = parsed.safety.optOutLabel;
  const isExperiment = session.road === 'experiment';
  let destructiveSoFar = 0;
  const perGroup = new Map<string, number>();
  const kills = new Map<string, number>();
  const seen = new Set<string>();
  let lateAllowed = session.killSwitchInFlight;

  if (session.road === 'plan' && session.calls.length > 0) {
    broken.push(`plan: ${session.calls.length} provider call(s); a plan has no side effects`);
  }
  session.calls.forEach((call, i) => {
    if (call.verb === 'remove-fault') return;
    // A fault that is an object of its own is judged on what it is put on, as that stood.
    const r = call.before ?? call.faultOn;
    const monkey = drawn.monkeys[call.action.monkey];
    // Kill switch: nothing but fault removal once it is engaged.
    if (session.killSwitchAfter !== undefined && i >= session.killSwitchAfter) {
      if (lateAllowed > 0) lateAllowed--;
      else
        say(call, `ran while the kill switch was engaged (after call ${session.killSwitchAfter})`);
    }
    if (!r) return say(call, 'the resource was gone, yet the provider was called');
    // Scope, protected, opt-out: judged on the resource as it stood, never on the action's copy.
    const scopeBroken =
      !inScope(r.namespace, s.scope.namespaces) ||
      !inScope(r.namespace, monkey?.safety.scope?.namespaces) ||
      (r.provider === 'aws'
        ? !inScope(r.context, s.scope.accounts) || !inScope(r.region, s.scope.regions)
        : !inScope(r.context, s.scope.contexts));
    if (scopeBroken) say(call, `out of scope (${r.context}/${r.namespace ?? r.region})`);
    if (r.namespace && protectedNs.includes(r.namespace))
      say(call, `protected namespace ${r.namespace}`);
    if (Object.entries(s.protected.labels).some(([k, v]) => r.labels[k] === v))
      say(call, 'protected by label');
    // Opt-out and opt-in: never touched, "except to take its marks off" (docs/safety.md, rules 5
    // and 6): an unmark of an opted-out resource is the promise kept, not broken.
    const takesMarksOff = call.verb === 'unmark';
    if (!takesMarksOff && (truthy(r.labels[optOut]) || truthy(r.annotations?.[optOut])))
      say(call, 'opted out');
    const optIn = monkey?.safety.optInLabel;
    if (!isExperiment && !takesMarksOff && optIn && !truthy(r.labels[optIn]))
      say(call, `not opted in with ${optIn}`);
    // Dry-run: decided in one place, and passed to the provider.
    if (isExperiment) {
      if (session.dryRunFlag === true && !call.dryRun)
        say(call, 'acted for real in a dry-run experiment');
    } else if (dryRunOf(drawn, call.action.monkey, session.dryRunFlag) && !call.dryRun) {
      say(call, 'acted for real although the monkey is in dry-run');
    }
    if (!isDestructive(call.verb)) return;
    // Never the same destructive action twice on one resource in a session.
    const key = `${call.verb} ${call.ref}`;
    if (!call.dryRun && seen.has(key)) say(call, 'applied twice');
    seen.add(key);
    // PodDisruptionBudgets: no more kills of covered pods than the budget allowed at the start.
    // (Experiments' terminate_pods deletes as chaostoolkit-kubernetes does: budgets are the
    // experimenter's business there, as with kubectl delete.) A fault (the latency monkey's delay
    // on a pod) is not a kill: the pod stays, and a budget counts pods taken away, as evictions.
    if (!isExperiment && call.ref.includes('/Pod/') && call.verb !== 'inject-fault') {
      const budget = budgetOf(r);
      if (budget !== undefined) {
        if (call.answer === 'skipped')
          say(call, `planned although PodDisruptionBudget ${budget} forbade it`);
        if (!call.dryRun && call.answer === 'done') {
          kills.set(budget, (kills.get(budget) ?? 0) + 1);
          if (kills.get(budget)! > budgets.get(budget)!)
            say(call, `exceeds PodDisruptionBudget ${budget}`);
        }
      }
    }
    if (isExperiment || !monkey) return;
    if (!insideWindow(session.now, monkey.schedule.windows))
      say(call, `outside the window at ${session.now.toISOString()}`);
    // Blast radius: per run over all monkeys, and per group.
    const cap = Math.min(
      s.blastRadius.maxActionsPerRun,
      monkey.safety.blastRadius?.maxActionsPerRun ?? Infinity,
    );
    if (destructiveSoFar >= cap)
      say(call, `beyond the blast radius (${destructiveSoFar} already, max ${cap})`);
    destructiveSoFar++;
    const group = call.action.group;
    if (group) {
      const planned = session.result?.monkeys.find((m) => m.monkey === call.action.monkey)?.gated
        .groups?.[group];
      const n = (perGroup.get(group) ?? 0) + 1;
      perGroup.set(group, n);
      if (
        planned &&
        planned.total > 0 &&
        n > Math.max(1, Math.floor(planned.total * s.blastRadius.maxGroupShare))
      ) {
        say(call, `beyond the group share (${n} of ${planned.total})`);
      }
      // Min-interval: the last real action on the group, in the ledger of earlier sessions.
      const min = MINUTES[monkey.schedule.minTimeBetweenActions] ?? 0;
      const earlier = store
        .ledger({ limit: 100_000 })
        .filter(
          (e) =>
            e.runId !== session.runId && e.group === group && !e.dryRun && e.status === 'succeeded',
        );
      for (const e of earlier) {
        if (session.now.getTime() - Date.parse(e.startedAt) < min)
          say(call, `within min-interval of ${e.startedAt}`);
      }
    }
  });
  // Dry-run changes nothing.
  if (session.calls.every((c) => c.dryRun) && session.changed) {
    broken.push(`${session.road}: the estate changed although every call was a dry run`);
  }
  // Ledger: every call has a row, ended.
  if (session.runId) {
    const rows = store.ledger({ runId: session.runId, limit: 100_000 });
    for (const call of session.calls) {
      const row = rows.find((e) => e.actionId === call.action.id && e.ref === call.ref);
      if (!row) say(call, 'no ledger row');
      else if (row.status === 'started') say(call, 'ledger row never ended');
    }
  }
  return broken;
}
