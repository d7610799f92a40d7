// Kubernetes helpers for tests against the sandbox: clients over its admin kubeconfig, namespaces
// and workloads of the test's own, and waiting for what controllers do.
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PolicyV1Api,
  type V1Pod,
  type V1PodSpec,
} from '@kubernetes/client-node';

/** A unique, DNS-safe name for what a test creates. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** Every day, all day: tests must not depend on the hour they run at. */
export const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';

/** Polls `probe` until it returns something, or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Kubernetes clients over the sandbox's admin kubeconfig. */
export function kubeClients(kubeconfig: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    policy: kc.makeApiClient(PolicyV1Api),
  };
}
export type KubeClients = ReturnType<typeof kubeClients>;

/** Creates a namespace and waits for its default ServiceAccount (pods need it). */
export async function createNamespace(k: KubeClients, name: string): Promise<void> {
  await k.core.createNamespace({ body: { metadata: { name } } });
  await waitFor(`the default ServiceAccount of ${name}`, () =>
    k.core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(
      () => true,
      () => undefined,
    ),
  );
}

/** A pod template and selector for workload `name`, with `labels` on workload and pods alike. */
export function workloadBody(
  name: string,
  labels: Record<string, string>,
  extra: { annotations?: Record<string, string>; podSpec?: Partial<V1PodSpec> } = {},
) {
  const all = { app: name, ...labels };
  return {
    metadata: {
      name,
      labels: all,
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: all },
        spec: {
          containers: [{ name: 'main', image: 'nginx:1.27.2' }],
          terminationGracePeriodSeconds: 1,
          ...extra.podSpec,
        },
      },
    },
  };
}

/** The pods of `app` in `namespace` that are not being deleted. */
export async function livePods(k: KubeClients, namespace: string, app: string): Promise<V1Pod[]> {
  const list = await k.core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

/** Whether the pod is Running and Ready. */
export const isReady = (p: V1Pod): boolean =>
  p.status?.phase === 'Running' &&
  (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** The workload kinds a test creates. */
export type TestWorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/** Ready replicas by the workload's own status (what the chaos monkey plans from). */
async function statusReady(
  k: KubeClients,
  namespace: string,
  name: string,
  kind: TestWorkloadKind,
): Promise<number | undefined> {
  const w =
    kind === 'Deployment'
      ? await k.apps.readNamespacedDeployment({ name, namespace })
      : kind === 'StatefulSet'
        ? await k.apps.readNamespacedStatefulSet({ name, namespace })
        : await k.apps.readNamespacedDaemonSet({ name, namespace });
  if ((w.status?.observedGeneration ?? 0) < (w.metadata?.generation ?? 0)) return undefined;
  const status = w.status as { readyReplicas?: number; numberReady?: number } | undefined;
  return kind === 'DaemonSet' ? (status?.numberReady ?? 0) : (status?.readyReplicas ?? 0);
}

/**
 * Waits until workload `app` has `count` ready pods and its own status says so too: the chaos
 * monkey plans from the status, which lags the pods by a controller sync.
 */
export async function waitReady(
  k: KubeClients,
  namespace: string,
  app: string,
  count: number,
  kind: TestWorkloadKind = 'Deployment',
): Promise<void> {
  await waitFor(`${count} ready pods of ${kind} ${namespace}/${app}`, async () => {
    const pods = (await livePods(k, namespace, app)).filter(isReady).length;
    if (pods !== count) return undefined;
    return (await statusReady(k, namespace, app, kind)) === count ? true : undefined;
  });
}

/** `name -> uid` of every pod in the namespace. */
export async function podUids(k: KubeClients, namespace: string): Promise<Record<string, string>> {
  const list = await k.core.listNamespacedPod({ namespace });
  return Object.fromEntries(list.items.map((p) => [p.metadata!.name!, p.metadata!.uid!]));
}
