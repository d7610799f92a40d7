import { parseDuration, SimianError, type Action, type ActionOutcome } from '@simian/core';
import { z } from 'zod';
import type { ChaosActivityContext } from '../kubernetes/activity-targets.js';
import { executeOne, experimentAction, kubeRef, kubeTargets } from '../kubernetes/kube-object.js';

/**
 * Simian's own arguments on the fault activities: how long the fault may stay. The expiry is
 * written on the object (and, for Chaos Mesh, as its `duration`), so the fault ends even if the
 * experiment, its rollbacks and Simian all die.
 */
export const faultDurationArgument = {
  /** @default "5m" */
  duration: z
    .string()
    .refine((s) => parseDuration(s) !== undefined, {
      message: 'must be a duration such as "60s", "5m" or "1h"',
    })
    .default('5m'),
};

/** A fault kind: how a ref and an action's resource name it. */
export interface FaultKind {
  /** `chaos-mesh.org/v1alpha1/NetworkChaos`. */
  kind: string;
  /** The ref's kind segment: `NetworkChaos.v1alpha1.chaos-mesh.org`. */
  refKind: string;
}

export const NETWORK_CHAOS: FaultKind = {
  kind: 'chaos-mesh.org/v1alpha1/NetworkChaos',
  refKind: 'NetworkChaos.v1alpha1.chaos-mesh.org',
};

function resourceOf(
  fn: string,
  context: ChaosActivityContext,
  kind: FaultKind,
  name: string,
  ns: string,
) {
  const { targets, scope } = kubeTargets(context, fn);
  return {
    targets,
    resource: {
      ref: kubeRef(targets, scope, ns, kind.kind, name),
      provider: 'kubernetes',
      kind: kind.kind,
      name,
      namespace: ns,
      context: scope,
      labels: {},
    } satisfies Action['resource'],
  };
}

/**
 * Injects `object` (a fault that is its own object) as `name` in `ns` through the executor's
 * `inject-fault`: gated, in the ledger, stamped with its expiry `duration` from now. The
 * experiment's session removes it at that deadline, or when the experiment ends, if a rollback
 * has not by then.
 */
export async function injectFaultObject(
  fn: string,
  context: ChaosActivityContext,
  kind: FaultKind,
  target: { name: string; ns: string; duration: string },
  object: Record<string, unknown>,
): Promise<ActionOutcome> {
  const { targets, resource } = resourceOf(fn, context, kind, target.name, target.ns);
  const ms = parseDuration(target.duration);
  if (ms === undefined || ms <= 0) {
    throw new SimianError('INPUT_INVALID', `${fn}: duration "${target.duration}" is no duration`);
  }
  const action: Action = {
    ...experimentAction(fn, context, resource, 'inject-fault', { fault: { object } }, true),
    deadline: new Date(Date.now() + ms).toISOString(),
  };
  return executeOne(fn, targets, action);
}

/** Removes the fault `name` in `ns` through the executor's `remove-fault` (gone already is fine). */
export async function removeFaultObject(
  fn: string,
  context: ChaosActivityContext,
  kind: FaultKind,
  target: { name: string; ns: string },
): Promise<ActionOutcome> {
  const { targets, resource } = resourceOf(fn, context, kind, target.name, target.ns);
  return executeOne(fn, targets, experimentAction(fn, context, resource, 'remove-fault', {}));
}
