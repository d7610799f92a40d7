// Random estates for the safety properties: Kubernetes workloads with their pods and budgets (and
// the leftovers a janitor judges: ConfigMaps, Secrets, a finished bare pod, kube-janitor TTLs), and
// a ClusterIP Service in front of some workloads, with its EndpointSlice (the latency monkey's
// targets), and EC2 instances in Auto Scaling groups (some with an expiry tag), in several contexts
// and regions, some protected, opted out, opted in or not. Objects are made as the APIs serve them and turned into resources by the
// providers' own conversions, so the monkeys see what a run sees.
import fc from 'fast-check';
import type { Resource } from '@simian/core';
import { autoScalingGroupResource, instanceResource } from '@simian/provider-aws';
import { resourceFromObject, type KubeObject } from '@simian/provider-kubernetes';

/** The name pools: small, so scopes, exclusions and protections collide with what is there. */
export const CONTEXTS = ['prod', 'sandbox'] as const;
export const NAMESPACES = ['shop', 'team-a', 'team-b', 'kube-system', 'payments'] as const;
export const REGIONS = ['us-east-1', 'eu-west-1'] as const;
export const ACCOUNTS = ['111111111111', '222222222222'] as const;
/** The labels/tags the properties are about. */
export const LABELS = {
  optIn: 'chaos.simian.dev/enabled',
  optOut: 'simian.dev/opt-out',
  protected: 'simian.dev/protected',
  customOptIn: 'team.example/chaos-ok',
} as const;

/** A label set drawn so that every rule has something to say about it. */
// Weighted towards what lets a monkey act, so most cases reach the providers and the oracle has
// actions to judge; every refusal still comes up in a few hundred cases.
const markings = fc.record({
  [LABELS.optIn]: fc.constantFrom('true', 'true', 'true', undefined, 'false'),
  [LABELS.optOut]: fc.constantFrom(undefined, undefined, undefined, undefined, 'true', 'false'),
  [LABELS.protected]: fc.constantFrom(...Array<undefined>(7).fill(undefined), 'true'),
  [LABELS.customOptIn]: fc.constantFrom('true', 'true', undefined),
});
const defined = (r: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;

const workloadArb = fc.record({
  context: fc.constantFrom(...CONTEXTS),
  namespace: fc.constantFrom(...NAMESPACES),
  kind: fc.constantFrom('Deployment', 'StatefulSet'),
  replicas: fc.integer({ min: 1, max: 4 }),
  unready: fc.constantFrom(0, 0, 0, 1),
  labels: markings,
  template: markings,
  /** Per pod: extra labels of its own (a pod opted out by itself). */
  podMarks: fc.array(markings, { minLength: 4, maxLength: 4 }),
  budget: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined, freq: 2 }),
  /** A Service selecting the workload's pods, with its own marks; none for a third of them. */
  service: fc.option(markings, { nil: undefined, freq: 3 }),
  leftovers: fc.record({
    /** How the workload's ConfigMap and Secret stand: mounted by its pods, owned, or unused. */
    configMap: fc.constantFrom('none', 'mounted', 'owned', 'unused', 'unused'),
    secret: fc.constantFrom('none', 'mounted', 'owned', 'unused', 'unused'),
    /** A bare pod (kubectl run) that has finished: no controller will delete it. */
    finishedPod: fc.constantFrom(undefined, 'Succeeded', 'Failed'),
    /** kube-janitor's annotation on the leftovers: expired, not yet, kept forever. */
    ttl: fc.constantFrom(undefined, undefined, '1h', '3650d', 'forever'),
    marks: markings,
  }),
});

const groupArb = fc.record({
  region: fc.constantFrom(...REGIONS),
  account: fc.constantFrom(...ACCOUNTS),
  size: fc.integer({ min: 1, max: 4 }),
  unhealthy: fc.constantFrom(0, 0, 0, 1),
  minSize: fc.integer({ min: 0, max: 2 }),
  /** kube-janitor's expiry as a tag (aws-ttl): passed, or far ahead. */
  expires: fc.constantFrom(undefined, undefined, '2026-01-31', '2036-01-31'),
  tags: markings,
  instanceMarks: fc.array(markings, { minLength: 4, maxLength: 4 }),
});

export type WorkloadSpec = typeof workloadArb extends fc.Arbitrary<infer T> ? T : never;
export type GroupSpec = typeof groupArb extends fc.Arbitrary<infer T> ? T : never;

/** What an estate is drawn from, kept with the case so a failure shows it. */
export interface EstateSpec {
  workloads: WorkloadSpec[];
  groups: GroupSpec[];
}

export const estateSpecArb: fc.Arbitrary<EstateSpec> = fc.record({
  workloads: fc.array(workloadArb, { maxLength: 6 }),
  groups: fc.array(groupArb, { maxLength: 3 }),
});

const created = '2026-01-01T00:00:00Z';

/** The Kubernetes objects of one workload: it, its ReplicaSet (for a Deployment), pods, budget. */
function workloadObjects(w: WorkloadSpec, i: number): KubeObject[] {
  const name = `w${i}`;
  const app = { app: name };
  const meta = (n: string, labels: Record<string, string>, extra: object = {}) => ({
    name: n,
    namespace: w.namespace,
    uid: `uid-${w.context}-${n}`,
    creationTimestamp: created,
    labels,
    generation: 1,
    ...extra,
  });
  const ready = w.replicas - Math.min(w.unready, w.replicas);
  const spec = {
    replicas: w.replicas,
    selector: { matchLabels: app },
    template: { metadata: { labels: { ...app, ...defined(w.template) } } },
  };
  const status = { observedGeneration: 1, replicas: w.replicas, readyReplicas: ready };
  const objects: KubeObject[] = [];
  const top = {
    apiVersion: 'apps/v1',
    kind: w.kind,
    metadata: meta(name, { ...app, ...defined(w.labels) }),
    spec,
    status: w.kind === 'StatefulSet' ? { ...status, availableReplicas: ready } : status,
  };
  objects.push(top as KubeObject);
  let podOwner: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller: boolean;
  } = {
    apiVersion: 'apps/v1',
    kind: w.kind,
    name,
    uid: `uid-${name}`,
    controller: true,
  };
  if (w.kind === 'Deployment') {
    const rs = `${name}-rs`;
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta(rs, app, { ownerReferences: [podOwner] }),
      spec,
      status,
    } as KubeObject);
    podOwner = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: rs,
      uid: `uid-${rs}`,
      controller: true,
    };
  }
  const volumes = [
    ...(w.leftovers.configMap === 'mounted'
      ? [{ name: 'config', configMap: { name: `${name}-config` } }]
      : []),
    ...(w.leftovers.secret === 'mounted'
      ? [{ name: 'creds', secret: { secretName: `${name}-creds` } }]
      : []),
  ];
  const podSpec = {
    containers: [{ name: 'main', image: 'nginx:1.27' }],
    ...(volumes.length > 0 ? { volumes } : {}),
  };
  for (let p = 0; p < w.replicas; p++) {
    const isReady = p < ready;
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(
        `${name}-p${p}`,
        { ...app, ...defined(w.template), ...defined(w.podMarks[p]!) },
        {
          ownerReferences: [podOwner],
        },
      ),
      spec: podSpec,
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: isReady ? 'True' : 'False' }],
        containerStatuses: [{ name: 'main', ready: isReady, restartCount: 0 }],
      },
    } as KubeObject);
  }
  if (w.budget !== undefined) {
    objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(`${name}-pdb`, {}),
      spec: { minAvailable: Math.max(0, ready - w.budget), selector: { matchLabels: app } },
      status: {
        observedGeneration: 1,
        disruptionsAllowed: w.budget,
        currentHealthy: ready,
        desiredHealthy: Math.max(0, ready - w.budget),
        expectedPods: w.replicas,
      },
    } as KubeObject);
  }
  const workloadOwner = { apiVersion: 'apps/v1', kind: w.kind, name, uid: `uid-${name}` };
  objects.push(...leftoverObjects(w, name, meta, workloadOwner));
  if (w.service) objects.push(...serviceObjects(w, i, app, ready, meta));
  return objects;
}

/**
 * A ClusterIP Service selecting the workload's pods (never exposed: the security monkey's probes
 * reach only LoadBalancer and NodePort Services, so none leaves this machine), and the
 * EndpointSlice the endpoint controller keeps for it: one endpoint per pod, ready as the pod is.
 */
function serviceObjects(
  w: WorkloadSpec,
  i: number,
  app: Record<string, string>,
  ready: number,
  meta: (n: string, labels: Record<string, string>, extra?: object) => object,
): KubeObject[] {
  const name = `w${i}`;
  const port = { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name, { ...app, ...defined(w.service!) }),
      spec: { type: 'ClusterIP', clusterIP: `10.96.0.${10 + i}`, selector: app, ports: [port] },
      status: { loadBalancer: {} },
    } as KubeObject,
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: meta(`${name}-eps`, { 'kubernetes.io/service-name': name }),
      addressType: 'IPv4',
      endpoints: Array.from({ length: w.replicas }, (_, p) => ({
        addresses: [`10.244.${i}.${p + 1}`],
        conditions: { ready: p < ready },
        targetRef: { kind: 'Pod', name: `${name}-p${p}`, namespace: w.namespace },
      })),
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    } as KubeObject,
  ];
}

/** What a janitor judges next to a workload: its ConfigMap and Secret, and a finished bare pod. */
function leftoverObjects(
  w: WorkloadSpec,
  name: string,
  meta: (n: string, labels: Record<string, string>, extra?: object) => object,
  owner: object,
): KubeObject[] {
  const l = w.leftovers;
  const labels = defined(l.marks);
  const extra = (how: string) => ({
    ...(how === 'owned' ? { ownerReferences: [owner] } : {}),
    ...(l.ttl ? { annotations: { 'janitor/ttl': l.ttl } } : {}),
  });
  const objects: KubeObject[] = [];
  if (l.configMap !== 'none') {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${name}-config`, labels, extra(l.configMap)),
      data: { 'app.conf': 'debug=false' },
    } as KubeObject);
  }
  if (l.secret !== 'none') {
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(`${name}-creds`, labels, extra(l.secret)),
      type: 'Opaque',
      data: { password: 'bm90LWEtc2VjcmV0' },
    } as KubeObject);
  }
  if (l.finishedPod) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(`${name}-debug`, labels, extra('bare')),
      spec: { containers: [{ name: 'debug', image: 'busybox:1.36' }], restartPolicy: 'Never' },
      status: {
        phase: l.finishedPod,
        startTime: '2026-10-01T00:00:00Z',
        containerStatuses: [
          {
            name: 'debug',
            ready: false,
            restartCount: 0,
            state: {
              terminated: {
                exitCode: l.finishedPod === 'Succeeded' ? 0 : 1,
                finishedAt: '2026-10-01T00:05:00Z',
              },
            },
          },
        ],
      },
    } as KubeObject);
  }
  return objects;
}

const tagList = (r: Record<string, string>) =>
  Object.entries(r).map(([Key, Value]) => ({ Key, Value }));

/** An Auto Scaling group and its instances, as DescribeAutoScalingGroups and DescribeInstances say. */
function groupResources(g: GroupSpec, i: number): Resource[] {
  const name = `asg${i}`;
  const place = { region: g.region, account: g.account };
  const ids = Array.from({ length: g.size }, (_, n) => `i-${i}${n}${g.region.slice(0, 2)}`);
  const healthy = g.size - Math.min(g.unhealthy, g.size);
  const expiry: Record<string, string> = g.expires ? { 'janitor/expires': g.expires } : {};
  const group = autoScalingGroupResource(place, {
    AutoScalingGroupName: name,
    AutoScalingGroupARN: `arn:aws:autoscaling:${g.region}:${g.account}:autoScalingGroup:uuid-${name}:autoScalingGroupName/${name}`,
    MinSize: Math.min(g.minSize, g.size),
    MaxSize: g.size + 2,
    DesiredCapacity: g.size,
    Instances: ids.map((InstanceId, n) => ({
      InstanceId,
      LifecycleState: 'InService',
      HealthStatus: n < healthy ? 'Healthy' : 'Unhealthy',
    })),
    Tags: tagList({ ...defined(g.tags), ...expiry }).map((t) => ({
      ...t,
      PropagateAtLaunch: true,
    })),
  } as never);
  const instances = ids.map((InstanceId, n) =>
    instanceResource(place, {
      InstanceId,
      InstanceType: 't3.small',
      State: { Code: 16, Name: 'running' },
      Placement: { AvailabilityZone: `${g.region}a` },
      Tags: tagList({
        ...defined(g.tags),
        ...defined(g.instanceMarks[n]!),
        ...expiry,
        'aws:autoscaling:groupName': name,
      }),
    } as never),
  );
  return [group, ...instances];
}

/** The resources of an estate, by provider. */
export function estateResources(spec: EstateSpec): { kubernetes: Resource[]; aws: Resource[] } {
  return {
    kubernetes: spec.workloads.flatMap((w, i) =>
      workloadObjects(w, i).map((o) => resourceFromObject(o, { context: w.context })),
    ),
    aws: spec.groups.flatMap((g, i) => groupResources(g, i)),
  };
}
