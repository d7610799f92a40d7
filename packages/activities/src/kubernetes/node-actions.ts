import { actionResource, ActionFailedError, type Resource } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { pause } from './deployment-status.js';
import { experimentAction, executeOne, kubeTargets } from './kube-object.js';
import { describedResource } from './object-ops.js';

// chaostoolkit-kubernetes' node actions, natively. They are the most destructive of the
// catalogue: every cordon, eviction and deletion is its own action through the executor (ledger
// row, kill switch, protected and opt-out rules on a fresh read, dry-run), a drain evicts through
// the Eviction API so PodDisruptionBudgets decide, and a refusal fails the activity, naming the
// node or pod and why. Put `uncordon_node` in the rollbacks of an experiment that cordons or drains.

const MODULE = 'chaosk8s.node.actions';
const nodes = (verbs: string[]) => ({ kind: 'rbac' as const, group: '', resource: 'nodes', verbs });
const example = (func: string, args: Record<string, unknown>) => ({
  type: 'action' as const,
  name: func.replaceAll('_', '-'),
  provider: { type: 'python' as const, module: MODULE, func, arguments: args },
});

/**
 * chaostoolkit-kubernetes' `_select_nodes`: by name and/or label selector (every node without
 * either), then only those running a pod of `pod_label_selector` in `pod_namespace`; the first
 * one, or `count` distinct ones picked at random. None is an error.
 */
async function selectNodes(
  fn: string,
  context: ChaosActivityContext,
  o: {
    name?: string | null | undefined;
    label_selector?: string | null | undefined;
    count?: number | null | undefined;
    pod_label_selector?: string | null | undefined;
    pod_namespace?: string | null | undefined;
    first?: boolean;
  },
): Promise<Resource[]> {
  const { targets, scope } = kubeTargets(context, fn);
  const provider = targets.inventory.provider('kubernetes');
  let found = (
    await provider.list('Node', scope, {
      signal: context.signal,
      ...(o.label_selector ? { labelSelector: o.label_selector } : {}),
    })
  ).filter((n) => !o.name || n.name === o.name);
  if (o.pod_label_selector && o.pod_namespace) {
    const pods = await provider.list('Pod', scope, {
      signal: context.signal,
      namespace: o.pod_namespace,
      labelSelector: o.pod_label_selector,
    });
    const hosts = new Set(pods.map((p) => p.views?.pod?.node));
    found = found.filter((n) => hosts.has(n.name));
  }
  if (found.length === 0)
    throw new ActionFailedError('failed to find a node that matches selector');
  if (o.first) return [found[0]!];
  // chaostoolkit-kubernetes picks with repeats (random.choices); Simian picks distinct nodes.
  if (o.count !== undefined && o.count !== null) return targets.rng.sample(found, o.count);
  return found;
}

/** Sets `spec.unschedulable` on each node through the executor's `patch` verb. */
async function setUnschedulable(
  fn: string,
  context: ChaosActivityContext,
  list: Resource[],
  unschedulable: boolean,
): Promise<string[]> {
  const { targets } = kubeTargets(context, fn);
  const done: string[] = [];
  for (const node of list) {
    await executeOne(
      fn,
      targets,
      experimentAction(
        fn,
        context,
        actionResource(node),
        'patch',
        {
          type: 'merge',
          patch: { spec: { unschedulable } },
        },
        true,
      ),
    );
    done.push(node.name);
  }
  return done;
}

const byNameOrLabel = z.strictObject({
  name: z.string().min(1).nullish(),
  label_selector: z.string().nullish(),
});

const CORDON_NODE = `${MODULE}.cordon_node`;
const UNCORDON_NODE = `${MODULE}.uncordon_node`;

/** `cordon_node`: no new pod lands on the nodes; returns their names. */
export const cordonNode: PythonFunction<typeof byNameOrLabel> = {
  description:
    'Cordons the nodes matching the name and/or label selector (spec.unschedulable), through the safety gate; returns their names.',
  kind: 'action',
  arguments: byNameOrLabel,
  permissions: [nodes(['list', 'get', 'patch'])],
  verbs: ['kubernetes:patch:Node'],
  example: example('cordon_node', { label_selector: 'pool=spot' }),
  async run(args, context: ChaosActivityContext) {
    return setUnschedulable(
      CORDON_NODE,
      context,
      await selectNodes(CORDON_NODE, context, args),
      true,
    );
  },
};

/** `uncordon_node`: the nodes take pods again; returns their names. */
export const uncordonNode: PythonFunction<typeof byNameOrLabel> = {
  description:
    'Uncordons the nodes matching the name and/or label selector, through the safety gate; returns their names.',
  kind: 'action',
  arguments: byNameOrLabel,
  permissions: [nodes(['list', 'get', 'patch'])],
  verbs: ['kubernetes:patch:Node'],
  example: example('uncordon_node', { label_selector: 'pool=spot' }),
  async run(args, context: ChaosActivityContext) {
    return setUnschedulable(
      UNCORDON_NODE,
      context,
      await selectNodes(UNCORDON_NODE, context, args),
      false,
    );
  },
};

const DRAIN_NODES = `${MODULE}.drain_nodes`;
const drainArgs = z.strictObject({
  name: z.string().min(1).nullish(),
  label_selector: z.string().nullish(),
  /** Also evict pods with an emptyDir volume (their data is lost). @default false */
  delete_pods_with_local_storage: z.boolean().default(false),
  /** Seconds to wait for the evicted pods to be gone. @default 120 */
  timeout: z.int().min(0).default(120),
  /** Drain `count` nodes picked at random. @default every matching node */
  count: z.int().min(1).nullish(),
  pod_label_selector: z.string().nullish(),
  pod_namespace: z.string().nullish(),
});

/**
 * `drain_nodes`, as `kubectl drain --ignore-daemonsets` (and `--delete-emptydir-data` with
 * `delete_pods_with_local_storage`): cordons the nodes, then evicts their pods through the
 * Eviction API (a PodDisruptionBudget that forbids it fails the activity, naming the pod), skips
 * mirror and DaemonSet pods, refuses a pod no controller manages, and waits up to `timeout` for
 * the evicted pods to be gone. Returns the nodes' names.
 */
export const drainNodes: PythonFunction<typeof drainArgs> = {
  description:
    'Drains nodes as kubectl drain --ignore-daemonsets does: cordon, then evict their pods through the Eviction API (PodDisruptionBudgets decide), through the safety gate.',
  kind: 'action',
  arguments: drainArgs,
  permissions: [
    nodes(['list', 'get', 'patch']),
    { kind: 'rbac', group: '', resource: 'pods', verbs: ['list', 'get'] },
    { kind: 'rbac', group: '', resource: 'pods', verbs: ['create'], subresource: 'eviction' },
  ],
  verbs: ['kubernetes:patch:Node', 'kubernetes:evict:Pod'],
  example: example('drain_nodes', { label_selector: 'pool=spot', count: 1, timeout: 120 }),
  async run(args, context: ChaosActivityContext) {
    const fn = DRAIN_NODES;
    const { targets, scope } = kubeTargets(context, fn);
    const provider = targets.inventory.provider('kubernetes');
    const chosen = await selectNodes(fn, context, args);
    await setUnschedulable(fn, context, chosen, true);
    for (const node of chosen) {
      const onNode = (await provider.list('Pod', scope, { signal: context.signal })).filter(
        (p) => p.views?.pod?.node === node.name,
      );
      const evict: Resource[] = [];
      for (const pod of onNode) {
        const phase = pod.views?.pod?.phase;
        if (pod.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
        if (pod.views?.pod?.localStorage) {
          if (args.delete_pods_with_local_storage) evict.push(pod);
          continue;
        }
        if (phase === 'Succeeded' || phase === 'Failed') {
          evict.push(pod);
          continue;
        }
        if (pod.controller?.kind === 'DaemonSet') continue;
        if (!pod.controller) {
          throw new ActionFailedError(
            `Pod '${pod.name}' on node '${node.name}' is unmanaged, cannot drain this node. Delete it manually first?`,
          );
        }
        evict.push(pod);
      }
      for (const pod of evict) {
        await executeOne(
          fn,
          targets,
          experimentAction(fn, context, actionResource(pod), 'evict', {}),
        );
      }
      const deadline = Date.now() + args.timeout * 1000;
      let pending = evict;
      while (pending.length > 0) {
        const still: Resource[] = [];
        for (const pod of pending) {
          const now = await provider.read(pod.ref, { signal: context.signal });
          if (now && now.views?.pod?.uid === pod.views?.pod?.uid) still.push(pod);
        }
        pending = still;
        if (pending.length === 0) break;
        if (Date.now() > deadline) {
          throw new ActionFailedError(
            `Draining nodes did not completed within ${args.timeout}s. Remaining pods are:\n${pending.map((p) => p.name).join('\n')}`,
          );
        }
        await pause(1000, context.signal);
        if (context.signal.aborted) break;
      }
    }
    return chosen.map((n) => n.name);
  },
};

const DELETE_NODES = `${MODULE}.delete_nodes`;
const deleteArgs = z.strictObject({
  label_selector: z.string().nullish(),
  /** Every node (the other filters are ignored). @default false */
  all: z.boolean().default(false),
  /** One node picked at random. @default false */
  rand: z.boolean().default(false),
  /** Up to `count` nodes picked at random. @default the first matching node */
  count: z.int().nullish(),
  grace_period_seconds: z.int().min(0).nullish(),
  pod_label_selector: z.string().nullish(),
  pod_namespace: z.string().nullish(),
});

/**
 * `delete_nodes`: deletes Node objects without draining them (the machines are not touched; on a
 * cloud the VM stays). The first matching node by default, one at random with `rand`, `count` at
 * random, or every one with `all`. Returns the names deleted.
 */
export const deleteNodes: PythonFunction<typeof deleteArgs> = {
  description:
    'Deletes Node objects (first match, random, count, or all) without draining them, through the safety gate; returns their names.',
  kind: 'action',
  arguments: deleteArgs,
  permissions: [nodes(['list', 'get', 'delete'])],
  verbs: ['kubernetes:delete:Node'],
  example: example('delete_nodes', { label_selector: 'pool=spot', rand: true }),
  async run(args, context: ChaosActivityContext) {
    const fn = DELETE_NODES;
    const first =
      !args.all &&
      !args.rand &&
      (args.count === null || args.count === undefined || args.count < 1);
    const chosen = await selectNodes(fn, context, {
      ...(args.all
        ? {}
        : {
            label_selector: args.label_selector,
            pod_label_selector: args.pod_label_selector,
            pod_namespace: args.pod_namespace,
            count: args.rand ? 1 : args.count,
          }),
      first,
    });
    const { targets } = kubeTargets(context, fn);
    const deleted: string[] = [];
    for (const node of chosen) {
      await executeOne(
        fn,
        targets,
        experimentAction(fn, context, actionResource(node), 'delete', {
          ...(args.grace_period_seconds != null
            ? { gracePeriodSeconds: args.grace_period_seconds }
            : {}),
        }),
      );
      deleted.push(node.name);
    }
    return deleted;
  },
};

const CREATE_NODE = `${MODULE}.create_node`;
const createArgs = z.strictObject({
  /** The node's metadata (name, labels, annotations). */
  meta: z.record(z.string(), z.unknown()).nullish(),
  /** The node's spec (taints, unschedulable, providerID, ...). */
  spec: z.record(z.string(), z.unknown()).nullish(),
});

/** `create_node`: creates a Node object (useful where a fake kubelet, such as kwok, plays it). */
export const createNode: PythonFunction<typeof createArgs> = {
  description: 'Creates a Node object from its metadata and spec, through the safety gate.',
  kind: 'action',
  arguments: createArgs,
  permissions: [nodes(['create'])],
  verbs: ['kubernetes:create:Node'],
  example: example('create_node', { meta: { name: 'spare-1', labels: { pool: 'spare' } } }),
  async run(args, context: ChaosActivityContext) {
    const fn = CREATE_NODE;
    const name = args.meta?.name;
    if (typeof name !== 'string') {
      throw new ActionFailedError('Creating new node failed: meta.name is required');
    }
    const { targets } = kubeTargets(context, fn);
    const resource = describedResource(
      context,
      fn,
      'Node',
      name,
      undefined,
      (args.meta?.labels ?? {}) as Record<string, string>,
    );
    await executeOne(
      fn,
      targets,
      experimentAction(fn, context, resource, 'create', {
        object: {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: args.meta,
          ...(args.spec ? { spec: args.spec } : {}),
        },
      }),
    );
    return { created: resource.ref };
  },
};

export const NODE_ACTION_FUNCTIONS = {
  [CORDON_NODE]: cordonNode,
  [UNCORDON_NODE]: uncordonNode,
  [DRAIN_NODES]: drainNodes,
  [DELETE_NODES]: deleteNodes,
  [CREATE_NODE]: createNode,
} as unknown as Record<string, PythonFunction>;
