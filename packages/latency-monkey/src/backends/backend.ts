import type { Action, Finding, InventoryKey, Resource } from '@simian/core';
import type { BackendName } from '../config.js';
import { describeFault, type FaultRequest } from '../fault-request.js';
import { LATENCY_MONKEY_NAME, type LatencyPlanContext } from '../name.js';
import type { ListingsByKind, ServiceTarget } from '../plan/service-target.js';

/** What a backend is given to plan the fault on one service. */
export interface BackendInput {
  ctx: LatencyPlanContext;
  target: ServiceTarget;
  fault: FaultRequest;
  /** When the fault must be gone (ISO time). */
  deadline: string;
  listings: ListingsByKind;
  /** The listings the actions rely on (fail-closed in the gate). */
  dependsOn: InventoryKey[];
}

/** The fault on one service, or why there is none. */
export type BackendPlan = { actions: Action[] } | { skip: string; finding?: Finding };

/**
 * One way to put a fault on a service. Each is one Apply/Recover pair at the provider's
 * `inject-fault` / `remove-fault`, carrying its expiry on the object.
 */
export interface LatencyBackend {
  name: BackendName;
  /** The Kubernetes kinds it lists, besides Service and EndpointSlice. */
  reads: string[];
  /** What it asks the Kubernetes provider to do: `kubernetes:verb:Kind`. */
  verbs: string[];
  /** Its fault reaches the kubelet's probes (a network-level delay), so their timeouts matter. */
  reachesKubeletProbes: boolean;
  /** The listings it cannot plan without (beyond Service and EndpointSlice). */
  requires: string[];
  plan(input: BackendInput): BackendPlan;
}

/** The inject-fault action of `backend` on `resource` for the service of `input`. */
export function faultAction(
  backend: BackendName,
  input: BackendInput,
  resource: Pick<Resource, 'ref' | 'provider' | 'kind' | 'name' | 'namespace' | 'context'>,
  fault: Record<string, unknown>,
): Action {
  const { target } = input;
  return {
    id: `latency-${backend}:${resource.ref}`,
    monkey: LATENCY_MONKEY_NAME,
    verb: 'inject-fault',
    resource: {
      ref: resource.ref,
      provider: resource.provider,
      kind: resource.kind,
      name: resource.name,
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
      ...(resource.context ? { context: resource.context } : {}),
      // The service's own labels: its opt-out and opt-in labels speak for the fault put on it.
      labels: target.service.labels,
    },
    reason: `${describeFault(input.fault)} on service ${target.service.namespace}/${target.service.name} for ${Math.round(input.fault.durationMs / 1000)}s (${backend})`,
    group: target.group,
    reversible: true,
    deadline: input.deadline,
    // Re-read and judged before injecting: a Service opted out since planning gets no fault.
    faultOn: target.service.ref,
    params: { fault },
    dependsOn: input.dependsOn,
  };
}
