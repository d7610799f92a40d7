// An estate on which one `run conformity --once` (K8S-AVAIL-001 enforced, no grace period, scale
// to zero) uses every permission the chart grants the conformity account: stack `conf-new` has a
// member of every kind the monkey judges and claims high availability on one replica, so the run
// marks each of them (patch on every kind); stack `conf-due` is marked already with a deadline
// passed, so the run scales its Deployment, StatefulSet and ReplicaSet to zero (get and patch on
// each scale subresource). `reset` puts it back as it was before each run.
import {
  PatchStrategy,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import { DELETE_AFTER_KEY, MARKED_AT_KEY, VIOLATION_KEY } from '@simian/conformity-monkey';

/** One object of the estate, as created. */
export interface EstateObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: Record<string, unknown>;
}

/** The stack to be marked, and the one to be torn down. */
export const NEW_STACK = 'conf-new';
export const DUE_STACK = 'conf-due';
/** The claim K8S-AVAIL-001 holds against a workload of fewer than two replicas. */
const HA = { 'simian.dev/availability': 'high' };

function podTemplate(app: string, stack: string) {
  return {
    metadata: { labels: { app, 'app.kubernetes.io/instance': stack } },
    spec: {
      containers: [{ name: 'main', image: `example/${app}:v1` }],
      terminationGracePeriodSeconds: 1,
    },
  };
}

function object(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string,
  stack: string,
  spec: Record<string, unknown>,
  labels: Record<string, string> = {},
): EstateObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace,
      labels: { app: name, 'app.kubernetes.io/instance': stack, ...labels },
    },
    spec,
  };
}

/** A replicated workload of one replica. */
function replicated(kind: string, name: string, namespace: string, stack: string, labels = {}) {
  return object(
    'apps/v1',
    kind,
    name,
    namespace,
    stack,
    {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, stack),
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
    },
    labels,
  );
}

/** Stack `conf-new`: a member of every kind conformity judges (docs/conformity.md). */
function newStack(ns: string): EstateObject[] {
  const s = NEW_STACK;
  const pod = podTemplate(`${s}-pod`, s);
  return [
    replicated('Deployment', s, ns, s, HA),
    replicated('StatefulSet', `${s}-db`, ns, s),
    replicated('ReplicaSet', `${s}-rs`, ns, s),
    object('apps/v1', 'DaemonSet', `${s}-agent`, ns, s, {
      selector: { matchLabels: { app: `${s}-agent` } },
      template: podTemplate(`${s}-agent`, s),
    }),
    // Suspended: members all the same, with no pod to wait for.
    object('batch/v1', 'Job', `${s}-job`, ns, s, {
      suspend: true,
      template: { ...podTemplate(`${s}-job`, s), spec: { ...pod.spec, restartPolicy: 'Never' } },
    }),
    object('batch/v1', 'CronJob', `${s}-cron`, ns, s, {
      schedule: '0 0 1 1 *',
      suspend: true,
      jobTemplate: {
        spec: { template: { ...pod, spec: { ...pod.spec, restartPolicy: 'Never' } } },
      },
    }),
    object('v1', 'Pod', `${s}-pod`, ns, s, pod.spec),
    object('v1', 'Service', s, ns, s, {
      selector: { app: s },
      ports: [{ port: 80, targetPort: 8080 }],
    }),
  ];
}

/** Stack `conf-due`: its scalable members, marked an hour ago with a deadline a minute ago. */
function dueStack(ns: string): EstateObject[] {
  const s = DUE_STACK;
  return [
    replicated('Deployment', s, ns, s, HA),
    replicated('StatefulSet', `${s}-db`, ns, s),
    replicated('ReplicaSet', `${s}-rs`, ns, s),
  ];
}

/** The estate in namespace `ns`, created by `create`, put back by `reset` before each run. */
export function conformityEstate(objects: KubernetesObjectApi, ns: string) {
  const marked = newStack(ns);
  const due = dueStack(ns);
  const now = Date.now();
  const dueMarks = {
    [VIOLATION_KEY]: 'K8S-AVAIL-001',
    [MARKED_AT_KEY]: new Date(now - 3_600_000).toISOString(),
    [DELETE_AFTER_KEY]: new Date(now - 60_000).toISOString(),
  };
  const noMarks = { [VIOLATION_KEY]: null, [MARKED_AT_KEY]: null, [DELETE_AFTER_KEY]: null };
  /**
   * The annotations and replicas each object has before a run, as a merge patch (whose nulls
   * remove keys, which KubernetesObject's types do not allow for).
   */
  const before = (o: EstateObject, isDue: boolean): KubernetesObject =>
    ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata: { name: o.metadata.name, namespace: ns, annotations: isDue ? dueMarks : noMarks },
      ...('replicas' in o.spec ? { spec: { replicas: 1 } } : {}),
    }) as KubernetesObject;
  return {
    marked,
    due,
    async create(): Promise<void> {
      for (const o of [...marked, ...due]) await objects.create(o);
      await this.reset();
    },
    async reset(): Promise<void> {
      await Promise.all(
        [...marked.map((o) => before(o, false)), ...due.map((o) => before(o, true))].map((patch) =>
          objects.patch(
            patch,
            undefined,
            undefined,
            undefined,
            undefined,
            PatchStrategy.MergePatch,
          ),
        ),
      );
    },
  };
}
