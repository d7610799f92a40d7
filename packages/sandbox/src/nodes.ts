import { ApiException, CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { waitUntil } from './wait.js';

/** How many fake nodes `up` creates. Three zones, so topology spread and anti-affinity mean something. */
export const fakeNodeCount = 3;
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/**
 * A Node that kwok plays kubelet for. Room for 10,000 pods each (the kubelet default is 110), so a
 * 20,000-pod benchmark fits on three nodes. No NoSchedule taint: ordinary pods land on them.
 */
export function fakeNode(index: number): V1Node {
  const name = `kwok-node-${index}`;
  const resources = { cpu: '1000', memory: '4000Gi', pods: '10000', 'ephemeral-storage': '10Ti' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        type: 'kwok',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'kwok.fake',
        'topology.kubernetes.io/region': 'us-east-1',
        'topology.kubernetes.io/zone': zones[index % zones.length]!,
      },
    },
    status: { allocatable: resources, capacity: resources, nodeInfo: nodeInfo() },
  };
}

function nodeInfo(): NonNullable<V1Node['status']>['nodeInfo'] {
  return {
    architecture: 'amd64',
    operatingSystem: 'linux',
    kubeletVersion: 'fake',
    kubeProxyVersion: 'fake',
    osImage: 'kwok',
    kernelVersion: 'fake',
    containerRuntimeVersion: 'kwok',
    bootID: '',
    machineID: '',
    systemUUID: '',
  };
}

/** Creates the fake nodes that are missing (a Node's create may carry its status). */
export async function ensureFakeNodes(kc: KubeConfig, count = fakeNodeCount): Promise<string[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const node = fakeNode(i);
    names.push(node.metadata!.name!);
    try {
      await core.createNode({ body: node });
    } catch (error) {
      if (!(error instanceof ApiException && error.code === 409)) throw error;
    }
  }
  return names;
}

/** Whether a Node reports Ready=True. */
export const isNodeReady = (node: V1Node): boolean =>
  node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Waits until kwok reports every named node Ready. */
export async function waitForNodesReady(
  kc: KubeConfig,
  names: string[],
  timeoutMs = 60_000,
): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await waitUntil(
    async () => {
      const nodes = await core.listNode({ labelSelector: 'type=kwok' });
      const ready = new Set(nodes.items.filter(isNodeReady).map((n) => n.metadata?.name));
      return names.every((n) => ready.has(n)) ? true : undefined;
    },
    {
      what: `kwok to report nodes ${names.join(', ')} Ready`,
      hint: 'See .simian/sandbox/logs/kwok.log.',
      timeoutMs,
      intervalMs: 500,
    },
  );
}
