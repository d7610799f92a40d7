import type { Resource } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { kubeTargets } from './kube-object.js';

// chaostoolkit-kubernetes' node probes, natively and read-only: they read the nodes' conditions
// from the node view and answer as the Python functions do.

const MODULE = 'chaosk8s.node.probes';
const listNodes = [{ kind: 'rbac' as const, group: '', resource: 'nodes', verbs: ['list'] }];
const selector = z.strictObject({ label_selector: z.string().nullish() });
const example = (func: string, args: Record<string, unknown>, tolerance: unknown = true) => ({
  type: 'probe' as const,
  name: func.replaceAll('_', '-'),
  tolerance,
  provider: { type: 'python' as const, module: MODULE, func, arguments: args },
});

async function listed(fn: string, context: ChaosActivityContext, labelSelector?: string | null) {
  const { targets, scope } = kubeTargets(context, fn);
  return targets.inventory.provider('kubernetes').list('Node', scope, {
    signal: context.signal,
    ...(labelSelector ? { labelSelector } : {}),
  });
}

/** `{name, <condition type>: <status>, ...}` per node, as `get_all_node_status_conditions` gives. */
const statuses = (nodes: Resource[]) =>
  nodes.map((n) => ({
    name: n.name,
    ...Object.fromEntries((n.views?.node?.conditions ?? []).map((c) => [c.type, c.status])),
  }));

const GET_NODES = `${MODULE}.get_nodes`;
const GET_ALL_NODE_STATUS_CONDITIONS = `${MODULE}.get_all_node_status_conditions`;
const ALL_NODES_MUST_BE_READY = `${MODULE}.all_nodes_must_be_ready_to_schedule`;
const VERIFY_NODES_CONDITION = `${MODULE}.verify_nodes_condition`;
const NODES_MUST_BE_HEALTHY = `${MODULE}.nodes_must_be_healthy`;

/** `get_nodes`: the NodeList (kind, items with metadata, spec and status). */
export const getNodes: PythonFunction<typeof selector> = {
  description: 'The nodes (matching the label selector) as a NodeList, as the API answers.',
  kind: 'probe',
  arguments: selector,
  permissions: listNodes,
  example: example(
    'get_nodes',
    { label_selector: 'pool=spot' },
    { type: 'jsonpath', path: '$.items[*]', count: 3 },
  ),
  async run(args, context: ChaosActivityContext) {
    const nodes = await listed(GET_NODES, context, args.label_selector);
    // The list as the API serves it: the probe's output is the API object itself.
    return { kind: 'NodeList', apiVersion: 'v1', items: nodes.map((n) => n.raw) };
  },
};

/** `get_all_node_status_conditions`: `[{name, Ready: "True", ...}]`. */
export const getAllNodeStatusConditions: PythonFunction<typeof selector> = {
  description: "Each node's conditions as {name, <type>: <status>}.",
  kind: 'probe',
  arguments: selector,
  permissions: listNodes,
  example: example(
    'get_all_node_status_conditions',
    {},
    { type: 'jsonpath', path: '$[?(@.Ready = "True")]', count: 3 },
  ),
  async run(args, context: ChaosActivityContext) {
    return statuses(await listed(GET_ALL_NODE_STATUS_CONDITIONS, context, args.label_selector));
  },
};

/** `all_nodes_must_be_ready_to_schedule`: every matching node is Ready. */
export const allNodesMustBeReadyToSchedule: PythonFunction<typeof selector> = {
  description: 'True when every matching node is Ready.',
  kind: 'probe',
  arguments: selector,
  permissions: listNodes,
  example: example('all_nodes_must_be_ready_to_schedule', {}),
  async run(args, context: ChaosActivityContext) {
    const all = statuses(await listed(ALL_NODES_MUST_BE_READY, context, args.label_selector));
    return all.every((s) => (s as Record<string, string>).Ready === 'True');
  },
};

const conditionArgs = selector.extend({
  /** @default "PIDPressure" */
  condition_type: z.string().min(1).default('PIDPressure'),
  /** @default "False" */
  condition_value: z.string().min(1).default('False'),
});

/** `verify_nodes_condition`: every matching node has the condition at the value. */
export const verifyNodesCondition: PythonFunction<typeof conditionArgs> = {
  description:
    'True when every matching node has condition_type at condition_value (PIDPressure False by default).',
  kind: 'probe',
  arguments: conditionArgs,
  permissions: listNodes,
  example: example('verify_nodes_condition', {
    condition_type: 'MemoryPressure',
    condition_value: 'False',
  }),
  async run(args, context: ChaosActivityContext) {
    const all = statuses(await listed(VERIFY_NODES_CONDITION, context, args.label_selector));
    return all.every(
      (s) => (s as Record<string, string>)[args.condition_type] === args.condition_value,
    );
  },
};

/** What `nodes_must_be_healthy` expects of each condition a node reports. */
const HEALTHY: Array<[string, string]> = [
  ['FrequentKubeletRestart', 'False'],
  ['FrequentDockerRestart', 'False'],
  ['FrequentContainerdRestart', 'False'],
  ['ReadonlyFilesystem', 'False'],
  ['KernelDeadlock', 'False'],
  ['CorruptDockerOverlay2', 'False'],
  ['FrequentUnregisterNetDevice', 'False'],
  ['NetworkUnavailable', 'False'],
  ['MemoryPressure', 'False'],
  ['DiskPressure', 'False'],
  ['PIDPressure', 'False'],
  ['Ready', 'True'],
];

/** `nodes_must_be_healthy`: no reported condition of a matching node is in a bad state. */
export const nodesMustBeHealthy: PythonFunction<typeof selector> = {
  description: 'True when no matching node reports a pressure, a problem condition, or not Ready.',
  kind: 'probe',
  arguments: selector,
  permissions: listNodes,
  example: example('nodes_must_be_healthy', {}),
  async run(args, context: ChaosActivityContext) {
    const all = statuses(await listed(NODES_MUST_BE_HEALTHY, context, args.label_selector));
    return all.every((s) =>
      HEALTHY.every(
        ([type, value]) => !(type in s) || (s as Record<string, string>)[type] === value,
      ),
    );
  },
};

export const NODE_PROBE_FUNCTIONS = {
  [GET_NODES]: getNodes,
  [GET_ALL_NODE_STATUS_CONDITIONS]: getAllNodeStatusConditions,
  [ALL_NODES_MUST_BE_READY]: allNodesMustBeReadyToSchedule,
  [VERIFY_NODES_CONDITION]: verifyNodesCondition,
  [NODES_MUST_BE_HEALTHY]: nodesMustBeHealthy,
} as unknown as Record<string, PythonFunction>;
