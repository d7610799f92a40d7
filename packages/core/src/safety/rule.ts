import type { SimianConfig } from '../config/schema.js';
import type { Inventory } from '../inventory.js';
import type { Monkey, MonkeyBaseConfig } from '../monkey.js';
import type { Store } from '../store/store.js';
import type { Action, GroupHealth } from '../types.js';

export type GateVerdict = { pass: true } | { pass: false; reason: string };

export const PASS: GateVerdict = { pass: true };
export const drop = (reason: string): GateVerdict => ({ pass: false, reason });

/** What the gate knows while it judges one monkey's plan. */
export interface GateContext {
  config: SimianConfig;
  monkey: Pick<Monkey, 'name' | 'destructive'>;
  monkeyConfig: MonkeyBaseConfig;
  now: Date;
  inventory?: Inventory;
  store?: Store;
  groups: Record<string, GroupHealth>;
  tally: RunTally;
  /** Why the kill switch is engaged, if it is. */
  killSwitch: string | undefined;
  /**
   * `plan` judges a fresh plan; `recheck` judges one action again just before it runs, against a
   * fresh read of its resource; `apply-file` judges a saved plan.
   */
  phase: 'plan' | 'recheck' | 'apply-file';
}

/** Counts of destructive actions let through so far in this run, over every monkey. */
export class RunTally {
  total = 0;
  readonly perGroup = new Map<string, number>();

  count(action: Action): void {
    this.total++;
    if (action.group) this.perGroup.set(action.group, (this.perGroup.get(action.group) ?? 0) + 1);
  }

  inGroup(group: string | undefined): number {
    return group ? (this.perGroup.get(group) ?? 0) : 0;
  }
}

/**
 * One rule of the safety gate. Rules live one to a file under `rules/` and are listed in
 * `rules/index.ts`; the gate runs them in that order and the first that drops an action names it.
 */
export interface GateRule {
  readonly name: string;
  /** What the rule promises, for docs and `simian doctor`. */
  readonly description: string;
  /** `destructive`: only destructive verbs are judged; `all`: every verb but fault removal. */
  readonly appliesTo: 'destructive' | 'all';
  /** Whether the rule looks only at the resource itself, so it can be re-run on a fresh read. */
  readonly resourceOnly: boolean;
  check(action: Action, ctx: GateContext): GateVerdict | Promise<GateVerdict>;
}
