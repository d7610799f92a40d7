import {
  KubernetesObjectApi,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { TargetError } from '@simian/core';
import { describeObject, type SeedObject } from './seed-kubernetes.js';
import { waitUntil } from './wait.js';

/** The fields of status the settle check reads. */
interface Observed extends KubernetesObject {
  spec?: { replicas?: number };
  status?: {
    replicas?: number;
    availableReplicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    observedGeneration?: number;
    phase?: string;
    conditions?: { type: string; status: string }[];
  };
}

const condition = (o: Observed, type: string) =>
  o.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

/**
 * Whether an applied object has reached the state the seed promises: Deployments and StatefulSets
 * have every replica ready, Jobs are Complete or Failed, bare Pods are Ready, claims are Bound.
 * Other kinds are settled once they exist.
 */
export function isSettled(object: Observed): boolean {
  const { status = {} } = object;
  const want = object.spec?.replicas ?? 1;
  const current = (status.observedGeneration ?? 0) >= (object.metadata?.generation ?? 0);
  switch (object.kind) {
    case 'Deployment':
      return current && status.availableReplicas === want && status.updatedReplicas === want;
    case 'StatefulSet':
      return current && status.readyReplicas === want;
    case 'Job':
      return condition(object, 'Complete') || condition(object, 'Failed');
    case 'Pod':
      return status.phase === 'Running' && condition(object, 'Ready');
    case 'PersistentVolumeClaim':
      return status.phase === 'Bound';
    default:
      return true;
  }
}

/** Waits until every seed object {@link isSettled}; the error names those that are not. */
export async function waitForSeedSettled(
  kc: KubeConfig,
  objects: readonly SeedObject[],
  timeoutMs = 90_000,
): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  let pending: string[] = [];
  await waitUntil(
    async () => {
      const observed = await Promise.all(objects.map((item) => client.read<Observed>(item.object)));
      pending = objects.filter((_, i) => !isSettled(observed[i]!)).map(describeObject);
      return pending.length === 0 ? true : undefined;
    },
    {
      what: 'the seeded workloads to settle',
      hint: 'Check `simian sandbox status` and the logs under .simian/sandbox/logs/.',
      timeoutMs,
      intervalMs: 1_000,
    },
  ).catch((error: unknown) => {
    if (!(error instanceof TargetError) || error.code !== 'TARGET_UNREACHABLE') throw error;
    throw new TargetError(`${error.message}; not yet settled: ${pending.join(', ')}`, {
      code: 'TARGET_UNREACHABLE',
      hint: error.hint,
    });
  });
}
