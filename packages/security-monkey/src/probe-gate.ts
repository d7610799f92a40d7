import {
  actionResource,
  GATE_RULES,
  killSwitchReason,
  RunTally,
  type Action,
  type GateContext,
  type PlanContext,
  type Resource,
} from '@simian/core';
import type { ProbeTarget } from './probe/target.js';
import { SECURITY_MONKEY_NAME } from './name.js';

/**
 * The gate rules a probe passes, by name: the kill switch, scope, protected resources, opt-out
 * and opt-in, and the monkey's windows. Blast radius, minimum health and intervals are about
 * disruption; a probe disrupts nothing, so they do not apply.
 */
export const PROBE_GATE_RULES = [
  'kill-switch',
  'scope',
  'protected',
  'opt-out',
  'opt-in',
  'window',
];

/** Judges probe targets with core's own gate rules, and tells the prober when to stop. */
export interface ProbeGate {
  /** Why the target must not be probed, or undefined when it may. */
  judge(target: ProbeTarget, resource: Resource | undefined): Promise<string | undefined>;
  /** The kill switch, asked again while the probes run. */
  stopReason(): Promise<string | undefined>;
}

/**
 * A gate for the probes of one plan. Each target is judged as a read-only `probe` of the
 * resource it belongs to (a URL from the config or the command line belongs to none, so only the
 * kill switch and the windows judge it). Probes are not actions: nothing is ledgered, nothing
 * changes; the gate's rules are run here so that a probe keeps the same promises an action does.
 */
export async function probeGate<C>(ctx: PlanContext<C>): Promise<ProbeGate> {
  const providers = ctx.inventory.providers();
  const gateContext: GateContext = {
    config: ctx.global,
    monkey: { name: SECURITY_MONKEY_NAME, destructive: false },
    monkeyConfig: ctx.config,
    now: ctx.now,
    inventory: ctx.inventory,
    groups: {},
    tally: new RunTally(),
    killSwitch: await killSwitchReason(ctx.global, providers),
    phase: 'plan',
  };
  const rules = GATE_RULES.filter((r) => PROBE_GATE_RULES.includes(r.name));
  return {
    async judge(target, resource) {
      const action: Action = {
        id: `probe:${target.url}`,
        monkey: SECURITY_MONKEY_NAME,
        verb: 'probe',
        resource: resource
          ? actionResource(resource)
          : {
              ref: `url:${target.url}`,
              provider: 'probe',
              kind: 'Endpoint',
              name: target.url,
              labels: {},
            },
        reason: `probe ${target.url} (read-only)`,
        reversible: true,
      };
      for (const rule of rules) {
        if (!resource && rule.resourceOnly) continue;
        try {
          const verdict = await rule.check(action, gateContext);
          if (!verdict.pass) return `${rule.name}: ${verdict.reason}`;
        } catch (error) {
          return `${rule.name}: rule failed, so the probe is held back: ${(error as Error).message}`;
        }
      }
      return undefined;
    },
    stopReason: () => killSwitchReason(ctx.global, providers),
  };
}
