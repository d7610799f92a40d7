import { describe, expect, it } from 'vitest';
import { resourceFromObject } from '../to-resource.js';

// Objects in the shapes the API server sends (trimmed to what matters), turned into resources as a
// listing does: each kind's views come from its own entry in the kind table.
const at = { context: 'prod' };

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: '7f1c-web',
    resourceVersion: '48213',
    generation: 4,
    annotations: { 'deployment.kubernetes.io/revision': '3' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web', 'chaos.simian.dev/enabled': 'true' } },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27' },
          { name: 'proxy', image: 'envoyproxy/envoy:v1.31' },
        ],
      },
    },
  },
  status: {
    observedGeneration: 4,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
  },
};

describe('workload views', () => {
  it('reads a Deployment: counts, selector, template, identity, revision', () => {
    expect(resourceFromObject(deployment, at).views).toEqual({
      workload: {
        desired: 3,
        ready: 2,
        available: 2,
        updated: 3,
        statusCurrent: true,
        selector: { matchLabels: { app: 'web' } },
        templateLabels: { app: 'web', 'chaos.simian.dev/enabled': 'true' },
        containers: [
          { name: 'web', image: 'nginx:1.27' },
          { name: 'proxy', image: 'envoyproxy/envoy:v1.31' },
        ],
        uid: '7f1c-web',
        version: '48213',
        revision: 3,
      },
      // What its pod template references (nothing here): the janitor's view.
      podSpec: { configMaps: [], secrets: [], claims: [], serviceAccount: 'default' },
    });
  });

  it('counts left out of a status as 0 (the API omits zeros), and a lagging status as not current', () => {
    const rolling = {
      ...deployment,
      metadata: { ...deployment.metadata, generation: 5 },
      status: { observedGeneration: 4, replicas: 3, updatedReplicas: 1 },
    };
    expect(resourceFromObject(rolling, at).views?.workload).toMatchObject({
      desired: 3,
      ready: 0,
      available: 0,
      updated: 1,
      statusCurrent: false,
    });
    const fresh = { ...deployment, status: undefined };
    expect(resourceFromObject(fresh, at).views?.workload?.statusCurrent).toBe(false);
  });

  it('reads a ReplicaSet with its controller, without an updated count', () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-5d4f',
        namespace: 'shop',
        uid: 'rs-1',
        generation: 1,
        annotations: { 'deployment.kubernetes.io/revision': '2' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: '7f1c-web',
            controller: true,
          },
        ],
      },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4f' } } },
      status: { observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2 },
    };
    const view = resourceFromObject(rs, at).views?.workload;
    expect(view).toMatchObject({ desired: 2, ready: 2, controllerUid: '7f1c-web', revision: 2 });
    expect(view).not.toHaveProperty('updated');
  });

  it('reads a StatefulSet whose replicas the API defaulted, and a DaemonSet by its node counts', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop', generation: 1 },
      spec: { selector: { matchLabels: { app: 'db' } }, serviceName: 'db' },
      status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    };
    expect(resourceFromObject(sts, at).views?.workload).toMatchObject({
      desired: 1,
      ready: 1,
      updated: 0,
    });
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'shop', generation: 2 },
      spec: { selector: { matchLabels: { app: 'agent' } } },
      status: {
        observedGeneration: 2,
        currentNumberScheduled: 3,
        desiredNumberScheduled: 3,
        numberReady: 2,
        numberAvailable: 2,
        updatedNumberScheduled: 3,
        numberMisscheduled: 0,
      },
    };
    expect(resourceFromObject(ds, at).views?.workload).toMatchObject({
      desired: 3,
      ready: 2,
      available: 2,
      updated: 3,
      statusCurrent: true,
    });
  });
});

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-5d4f-a',
    namespace: 'shop',
    uid: 'pod-a',
    annotations: { 'kubectl.kubernetes.io/default-container': 'web' },
  },
  spec: {
    nodeName: 'kwok-node-1',
    containers: [{ name: 'istio-proxy' }, { name: 'web' }],
  },
  status: {
    phase: 'Running',
    startTime: '2026-11-20T09:00:02Z',
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: '2026-11-20T09:00:02Z' },
      { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-20T09:00:09Z' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-20T09:00:01Z' },
    ],
    containerStatuses: [
      { name: 'istio-proxy', ready: true, restartCount: 1 },
      { name: 'web', ready: true, restartCount: 2 },
    ],
  },
};

describe('pod views', () => {
  it('reads state, containers, the default container, node and start time', () => {
    expect(resourceFromObject(pod, at).views).toEqual({
      pod: {
        uid: 'pod-a',
        phase: 'Running',
        ready: true,
        terminating: false,
        restarts: 3,
        containers: ['istio-proxy', 'web'],
        defaultContainer: 'web',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
          { type: 'PodScheduled', status: 'True' },
        ],
        node: 'kwok-node-1',
        startTime: '2026-11-20T09:00:02Z',
      },
      podSpec: { configMaps: [], secrets: [], claims: [], serviceAccount: 'default' },
      // Neither container declares a probe (latency-views.test.ts reads them).
      probes: { containers: [{ container: 'istio-proxy' }, { container: 'web' }] },
    });
  });

  it('sees a pod with an emptyDir volume as using local storage', () => {
    const withScratch = { ...pod, spec: { ...pod.spec, volumes: [{ name: 'tmp', emptyDir: {} }] } };
    expect(resourceFromObject(withScratch, at).views?.pod?.localStorage).toBe(true);
  });

  it('takes the first container when the annotation names none it has, and sees a deletion', () => {
    const going = {
      ...pod,
      metadata: {
        ...pod.metadata,
        deletionTimestamp: '2026-11-23T10:00:00Z',
        annotations: { 'kubectl.kubernetes.io/default-container': 'gone' },
      },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] },
    };
    expect(resourceFromObject(going, at).views?.pod).toMatchObject({
      ready: false,
      terminating: true,
      restarts: 0,
      defaultContainer: 'istio-proxy',
    });
  });

  it('knows nothing of a pending pod beyond its phase', () => {
    const pending = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'shop' },
      spec: { containers: [{ name: 'main' }] },
      status: { phase: 'Pending' },
    };
    expect(resourceFromObject(pending, at).views?.pod).toEqual({
      phase: 'Pending',
      ready: false,
      terminating: false,
      restarts: 0,
      containers: ['main'],
      defaultContainer: 'main',
      conditions: [],
    });
  });
});

describe('disruption budget views', () => {
  const budget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'shop', generation: 1 },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    status: {
      observedGeneration: 1,
      disruptionsAllowed: 0,
      currentHealthy: 2,
      desiredHealthy: 2,
      expectedPods: 3,
    },
  };

  it('reads its selector and status counts, zeros included', () => {
    expect(resourceFromObject(budget, at).views).toEqual({
      disruptionBudget: {
        selector: { matchLabels: { app: 'web' } },
        disruptionsAllowed: 0,
        currentHealthy: 2,
        desiredHealthy: 2,
        expectedPods: 3,
        statusCurrent: true,
      },
    });
  });

  it('has no counts before its controller wrote a status', () => {
    const fresh = { ...budget, metadata: { ...budget.metadata, generation: 2 }, status: undefined };
    expect(resourceFromObject(fresh, at).views).toEqual({
      disruptionBudget: { selector: { matchLabels: { app: 'web' } }, statusCurrent: false },
    });
  });
});

describe('kinds without views', () => {
  it('a ConfigMap has none', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } };
    expect(resourceFromObject(cm, at)).not.toHaveProperty('views');
  });

  it('an object of no built-in kind is refused, naming it', () => {
    expect(() =>
      resourceFromObject({ kind: 'NetworkChaos', metadata: { name: 'delay' } }, at),
    ).toThrow('"NetworkChaos" is not a built-in Kubernetes kind Simian knows (delay)');
  });
});

describe('node views', () => {
  it('reads readiness, cordoning and conditions', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'kwok-node-0' },
      spec: { unschedulable: true },
      status: {
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status: 'True', reason: 'KubeletReady' },
        ],
      },
    };
    expect(resourceFromObject(node, at).views).toEqual({
      // A Node also has the addresses view (network-views.test.ts): none are given here.
      addresses: { public: [], private: [] },
      node: {
        ready: true,
        unschedulable: true,
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
      },
    });
  });
});
