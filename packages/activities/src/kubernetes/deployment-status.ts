import type { Permission, Resource } from '@simian/core';
import type { ChaosActivityContext } from './activity-targets.js';
import { kubeRef, kubeTargets } from './kube-object.js';

/** What the deployment probes read of a Deployment. */
export interface DeploymentStatus {
  name: string;
  replicas: number;
  availableReplicas: number;
  readyReplicas: number;
}

/** The Deployment's counts, from the workload view its provider filled; 0 when it gave none. */
const statusOf = (r: Resource): DeploymentStatus => {
  const view = r.views?.workload;
  return {
    name: r.name,
    replicas: view?.desired ?? 0,
    availableReplicas: view?.available ?? 0,
    readyReplicas: view?.ready ?? 0,
  };
};

/** What {@link readDeployments} may do: `get` by name, `list` with a label selector. */
export const readDeploymentsPermissions: Permission[] = [
  { kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['get', 'list'] },
];

/** What {@link readDeployments} does with these arguments: one of the two. */
export const readDeploymentsPermissionsFor = (args: {
  label_selector?: string | null | undefined;
}): Permission[] => [
  {
    kind: 'rbac',
    group: 'apps',
    resource: 'deployments',
    verbs: [args.label_selector ? 'list' : 'get'],
  },
];

/**
 * A fresh read of the Deployments named `name` in `ns` (none or one), as chaostoolkit-kubernetes
 * lists them with a field selector on the name and, if given, `label_selector` (in which
 * `{name}` stands for the name).
 */
export async function readDeployments(
  fn: string,
  context: ChaosActivityContext,
  args: { name: string; ns: string; label_selector?: string | null | undefined },
  kind = 'Deployment',
): Promise<DeploymentStatus[]> {
  const { targets, scope } = kubeTargets(context, fn);
  const provider = targets.inventory.provider('kubernetes');
  if (!args.label_selector) {
    const found = await provider.read(kubeRef(targets, scope, args.ns, kind, args.name), {
      signal: context.signal,
    });
    return found ? [statusOf(found)] : [];
  }
  const listed = await provider.list(kind, scope, {
    signal: context.signal,
    namespace: args.ns,
    labelSelector: args.label_selector.replaceAll('{name}', args.name),
  });
  return listed.filter((d) => d.namespace === args.ns && d.name === args.name).map(statusOf);
}

/** Waits `ms`, or less if the run is interrupted. */
export const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Reads the Deployment every `intervalMs` until its readiness (readyReplicas equal to
 * spec.replicas) is `ready`, for at most `timeoutSeconds`. True once it is; false at the timeout.
 * chaostoolkit-kubernetes watches instead of polling; the outcome is the same.
 */
export async function waitForReadiness(
  fn: string,
  context: ChaosActivityContext,
  args: { name: string; ns: string; label_selector?: string | null | undefined; timeout: number },
  ready: boolean,
  intervalMs = 1000,
  kind = 'Deployment',
): Promise<boolean> {
  const deadline = Date.now() + args.timeout * 1000;
  for (;;) {
    const found = await readDeployments(fn, context, args, kind);
    if (found.some((d) => (d.readyReplicas === d.replicas) === ready)) return true;
    const left = deadline - Date.now();
    if (left <= 0 || context.signal.aborted) return false;
    await pause(Math.min(intervalMs, left), context.signal);
  }
}
