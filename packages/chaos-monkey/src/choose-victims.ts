import type { Rng } from '@simian/core';
import { formatKillMode, requestedKills, type KillMode } from './kill-mode.js';

/** What limits how many members of one group may be killed in a run. */
export interface VictimLimits {
  mode: KillMode;
  /** The group's size the kill mode counts from (desired replicas, desired capacity). */
  members: number;
  /** Members healthy now. */
  healthy: number;
  /** Healthy members the group must keep. */
  minHealthy: number;
  /** Disruptions a PodDisruptionBudget allows now, when one covers the group. */
  budgetAllows?: { allowed: number; name: string };
}

/** The victims of one group, how many the mode asked for, and what held the number down. */
export interface VictimChoice<T> {
  victims: T[];
  requested: number;
  /** Each limit that cut the number, in words ("min healthy 2 keeps 1 of 3"). */
  limitedBy: string[];
}

/**
 * Picks victims among `candidates` (members that are healthy now) with `rng`: as many as the kill
 * mode asks, but never so many that fewer than `minHealthy` stay healthy, never more than a
 * PodDisruptionBudget allows, never more than there are candidates.
 */
export function chooseVictims<T>(
  candidates: readonly T[],
  limits: VictimLimits,
  rng: Rng,
): VictimChoice<T> {
  const requested = requestedKills(limits.mode, limits.members, rng);
  const limitedBy: string[] = [];
  let count = requested;

  const keepHealthy = Math.max(0, limits.healthy - limits.minHealthy);
  if (keepHealthy < count) {
    count = keepHealthy;
    limitedBy.push(
      `min healthy ${limits.minHealthy} allows ${keepHealthy} of ${limits.healthy} healthy`,
    );
  }
  if (limits.budgetAllows && limits.budgetAllows.allowed < count) {
    count = Math.max(0, limits.budgetAllows.allowed);
    limitedBy.push(
      `PodDisruptionBudget ${limits.budgetAllows.name} allows ${limits.budgetAllows.allowed} disruption${limits.budgetAllows.allowed === 1 ? '' : 's'}`,
    );
  }
  if (candidates.length < count) {
    count = candidates.length;
    limitedBy.push(
      `only ${candidates.length} member${candidates.length === 1 ? ' is' : 's are'} ready`,
    );
  }
  return { victims: rng.sample(candidates, count), requested, limitedBy };
}

/** The part of an action's reason that says how the number came about. */
export function describeChoice(
  choice: VictimChoice<unknown>,
  mode: KillMode,
  members: number,
): string {
  const base = `kill mode ${formatKillMode(mode)} asks for ${choice.requested} of ${members}`;
  return choice.limitedBy.length ? `${base}, limited: ${choice.limitedBy.join('; ')}` : base;
}
