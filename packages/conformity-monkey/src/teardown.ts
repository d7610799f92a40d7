import type { Resource } from '@simian/core';
import type { TeardownMode } from './config.js';

/** One provider call that takes a stack member down. */
export interface TeardownStep {
  verb: string;
  params: Record<string, unknown>;
  /** What it does, in words, for the action's reason. */
  description: string;
}

/**
 * What teardown means for one member: a step to take, `done` when it is down already (so a torn
 * down stack plans nothing more), `unsupported` when no provider verb can do it (said in the plan
 * notes), or `undefined` when the member is not a workload and stays (Services, ConfigMaps, ...).
 */
export type TeardownPlan =
  | { kind: 'step'; step: TeardownStep }
  | { kind: 'done'; why: string }
  | { kind: 'unsupported'; why: string }
  | undefined;

/** Kubernetes kinds with a scale subresource: teardown by `scale` to 0 replicas. */
export const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);
/** Kubernetes kinds that run something: teardown by `delete`. */
export const WORKLOADS = new Set([...SCALABLE, 'DaemonSet', 'Job', 'CronJob', 'Pod']);

/**
 * The one table of how each kind is torn down, per mode. Members only: an instance an Auto
 * Scaling group owns is not one (see isStackMember); tearing down the group takes it down. `scale-to-zero` leaves everything in
 * place for the owner to scale back up; `delete` removes the workloads (and terminates
 * standalone EC2 instances).
 */
export function teardownPlan(r: Resource, mode: TeardownMode): TeardownPlan {
  // Provider-specific on purpose: tearing down means a different action on each provider (scale a
  // Deployment, stop an instance, scale an Auto Scaling group), each with its own verb and params.
  // Whether a member is down already is read from its typed views.
  if (r.provider === 'kubernetes') return kubernetesTeardown(r, mode);
  if (r.provider === 'aws') return awsTeardown(r, mode);
  return undefined;
}

function kubernetesTeardown(r: Resource, mode: TeardownMode): TeardownPlan {
  if (!WORKLOADS.has(r.kind)) return undefined;
  if (r.deleting) return { kind: 'done', why: 'it is being deleted' };
  if (mode === 'delete') {
    return {
      kind: 'step',
      step: {
        verb: 'delete',
        params: { propagationPolicy: 'Background' },
        description: `delete ${r.kind} ${r.name}`,
      },
    };
  }
  if (!SCALABLE.has(r.kind)) {
    return {
      kind: 'unsupported',
      why: `a ${r.kind} cannot be scaled to zero (teardown: delete removes it)`,
    };
  }
  if (r.views?.workload?.desired === 0) return { kind: 'done', why: 'it runs 0 replicas' };
  return {
    kind: 'step',
    step: {
      verb: 'scale',
      params: { replicas: 0 },
      description: `scale ${r.kind} ${r.name} to 0 replicas`,
    },
  };
}

function awsTeardown(r: Resource, mode: TeardownMode): TeardownPlan {
  if (r.kind === 'AutoScalingGroup') return autoScalingGroupTeardown(r, mode);
  if (r.kind !== 'Instance') return undefined;
  const state = r.views?.instance?.state;
  if (r.deleting) return { kind: 'done', why: `it is ${state ?? 'being terminated'}` };
  if (mode === 'delete') {
    return {
      kind: 'step',
      step: { verb: 'terminate', params: {}, description: `terminate instance ${r.name}` },
    };
  }
  if (state === 'stopped' || state === 'stopping') return { kind: 'done', why: `it is ${state}` };
  return {
    kind: 'step',
    step: { verb: 'stop', params: {}, description: `stop instance ${r.name}` },
  };
}

/** An Auto Scaling group: scaled to zero (minimum too), or deleted with its instances. */
function autoScalingGroupTeardown(r: Resource, mode: TeardownMode): TeardownPlan {
  if (r.deleting) return { kind: 'done', why: 'it is being deleted' };
  const group = r.views?.scalingGroup;
  if (mode === 'delete') {
    return {
      kind: 'step',
      step: {
        verb: 'delete',
        params: {},
        description: `delete Auto Scaling group ${r.name} and its instances`,
      },
    };
  }
  if (group?.desired === 0 && group.min === 0) {
    return { kind: 'done', why: 'it runs 0 instances' };
  }
  return {
    kind: 'step',
    step: {
      verb: 'scale',
      params: { desiredCapacity: 0 },
      description: `scale Auto Scaling group ${r.name} to 0 instances`,
    },
  };
}
