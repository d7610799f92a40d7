import type { PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from '../kubernetes/activity-targets.js';
import {
  faultDurationArgument,
  injectFaultObject,
  NETWORK_CHAOS,
  removeFaultObject,
} from './fault-actions.js';
import { measureAround, probeArguments } from './measure-around.js';
import { asLabels, asList, labelsArgument, listArgument } from './selectors.js';

/** The dotted names experiments call. */
export const ADD_LATENCY = 'chaosk8s.chaosmesh.network.actions.add_latency';
export const SET_LOSS = 'chaosk8s.chaosmesh.network.actions.set_loss';
export const DELETE_NETWORK_FAULT = 'chaosk8s.chaosmesh.network.actions.delete_network_fault';

/** The arguments chaostoolkit-kubernetes' Chaos Mesh network actions share. */
const commonArguments = {
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  namespaces_selectors: listArgument,
  label_selectors: labelsArgument,
  annotations_selectors: labelsArgument,
  /** @default "one" */
  mode: z.enum(['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent']).default('one'),
  mode_value: z.string().nullish(),
  /** @default "to" */
  direction: z.enum(['to', 'from', 'both']).default('to'),
  external_targets: listArgument,
  target_mode: z.enum(['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent']).nullish(),
  target_mode_value: z.string().nullish(),
  target_namespaces_selectors: listArgument,
  target_label_selectors: labelsArgument,
  target_annotations_selectors: labelsArgument,
  ...faultDurationArgument,
};
type Common = z.output<z.ZodObject<typeof commonArguments>>;

/**
 * The NetworkChaos spec chaostoolkit-kubernetes writes, with two differences: the selector's
 * namespaces default to `ns` (not to Chaos Mesh's own default), and `target` is written only when
 * a target selector is given (chaostoolkit always writes an empty one).
 */
function networkChaos(args: Common, action: string, detail: Record<string, unknown>) {
  const selector = {
    namespaces: asList(args.namespaces_selectors) ?? [args.ns],
    ...(asLabels(args.label_selectors) ? { labelSelectors: asLabels(args.label_selectors) } : {}),
    ...(asLabels(args.annotations_selectors)
      ? { annotationSelectors: asLabels(args.annotations_selectors) }
      : {}),
  };
  const targetSelector = {
    ...(asList(args.target_namespaces_selectors)
      ? { namespaces: asList(args.target_namespaces_selectors) }
      : {}),
    ...(asLabels(args.target_label_selectors)
      ? { labelSelectors: asLabels(args.target_label_selectors) }
      : {}),
    ...(asLabels(args.target_annotations_selectors)
      ? { annotationSelectors: asLabels(args.target_annotations_selectors) }
      : {}),
  };
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'NetworkChaos',
    metadata: { name: args.name },
    spec: {
      action,
      mode: args.mode,
      ...(args.mode_value ? { value: args.mode_value } : {}),
      direction: args.direction,
      selector,
      ...(Object.keys(targetSelector).length > 0
        ? {
            target: {
              mode: args.target_mode ?? 'all',
              ...(args.target_mode_value ? { value: args.target_mode_value } : {}),
              selector: targetSelector,
            },
          }
        : {}),
      ...(asList(args.external_targets) ? { externalTargets: asList(args.external_targets) } : {}),
      ...detail,
    },
  };
}

const latencyArguments = z.strictObject({
  ...commonArguments,
  latency: z.string().min(1),
  correlation: z.string().nullish(),
  jitter: z.string().nullish(),
  ...probeArguments,
});

/**
 * `chaosk8s.chaosmesh.network.actions.add_latency`, natively: a Chaos Mesh NetworkChaos delay,
 * injected as a fault (`inject-fault`): stamped with its expiry `duration` from now, which is also
 * Chaos Mesh's own `duration`, so Chaos Mesh removes it even if Simian dies; removed by
 * `delete_network_fault`, or by the session at its deadline or when the experiment ends. With
 * `probe_url`, the output says requested vs measured (p50/p95/p99 before and during).
 */
export const addLatency: PythonFunction<typeof latencyArguments> = {
  description:
    'Adds network delay to pods with a Chaos Mesh NetworkChaos, as a bounded fault (its expiry on the object and as Chaos Mesh duration); with probe_url, measures requested vs measured.',
  kind: 'action',
  // What the executor lets the experiment do (doctor and `simian rbac` grant the same).
  verbs: [
    'kubernetes:inject-fault:chaos-mesh.org/v1alpha1/NetworkChaos',
    'kubernetes:remove-fault:chaos-mesh.org/v1alpha1/NetworkChaos',
  ],
  arguments: latencyArguments,
  permissions: [
    {
      kind: 'rbac',
      group: 'chaos-mesh.org',
      resource: 'networkchaos',
      verbs: ['create', 'get', 'delete'],
    },
  ],
  example: {
    type: 'action',
    name: 'middle-service-has-latency',
    provider: {
      type: 'python',
      module: 'chaosk8s.chaosmesh.network.actions',
      func: 'add_latency',
      arguments: {
        name: 'middle-latency',
        ns: 'shop',
        label_selectors: 'app=middle',
        mode: 'all',
        latency: '1500ms',
        duration: '2m',
      },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const object = networkChaos(args, 'delay', {
      delay: {
        latency: args.latency,
        ...(args.correlation ? { correlation: args.correlation } : {}),
        ...(args.jitter ? { jitter: args.jitter } : {}),
      },
    });
    return measureAround(ADD_LATENCY, context, args, args.latency, async () => {
      const outcome = await injectFaultObject(ADD_LATENCY, context, NETWORK_CHAOS, args, object);
      return outcome.output ?? {};
    });
  },
};

const lossArguments = z.strictObject({
  ...commonArguments,
  loss: z.string().min(1),
  correlation: z.string().nullish(),
});

/** `chaosk8s.chaosmesh.network.actions.set_loss`, natively, as a bounded fault. */
export const setLoss: PythonFunction<typeof lossArguments> = {
  description:
    'Drops a share of network packets of pods with a Chaos Mesh NetworkChaos, as a bounded fault (its expiry on the object and as Chaos Mesh duration).',
  kind: 'action',
  // What the executor lets the experiment do (doctor and `simian rbac` grant the same).
  verbs: [
    'kubernetes:inject-fault:chaos-mesh.org/v1alpha1/NetworkChaos',
    'kubernetes:remove-fault:chaos-mesh.org/v1alpha1/NetworkChaos',
  ],
  arguments: lossArguments,
  permissions: [
    {
      kind: 'rbac',
      group: 'chaos-mesh.org',
      resource: 'networkchaos',
      verbs: ['create', 'get', 'delete'],
    },
  ],
  example: {
    type: 'action',
    name: 'middle-loses-packets',
    provider: {
      type: 'python',
      module: 'chaosk8s.chaosmesh.network.actions',
      func: 'set_loss',
      arguments: { name: 'middle-loss', ns: 'shop', label_selectors: 'app=middle', loss: '25' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const object = networkChaos(args, 'loss', {
      loss: { loss: args.loss, ...(args.correlation ? { correlation: args.correlation } : {}) },
    });
    const outcome = await injectFaultObject(SET_LOSS, context, NETWORK_CHAOS, args, object);
    return outcome.output ?? {};
  },
};

const deleteArguments = z.strictObject({
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
});

/**
 * `chaosk8s.chaosmesh.network.actions.delete_network_fault`, natively: the fault's `remove-fault`
 * (never held back by the gate; gone already is fine).
 */
export const deleteNetworkFault: PythonFunction<typeof deleteArguments> = {
  description:
    'Removes a Chaos Mesh network fault (remove-fault: never held back; gone already is fine).',
  kind: 'action',
  verbs: ['kubernetes:remove-fault:chaos-mesh.org/v1alpha1/NetworkChaos'],
  arguments: deleteArguments,
  permissions: [
    { kind: 'rbac', group: 'chaos-mesh.org', resource: 'networkchaos', verbs: ['get', 'delete'] },
  ],
  example: {
    type: 'action',
    name: 'remove-middle-latency',
    provider: {
      type: 'python',
      module: 'chaosk8s.chaosmesh.network.actions',
      func: 'delete_network_fault',
      arguments: { name: 'middle-latency', ns: 'shop' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const outcome = await removeFaultObject(DELETE_NETWORK_FAULT, context, NETWORK_CHAOS, args);
    return outcome.output ?? {};
  },
};
