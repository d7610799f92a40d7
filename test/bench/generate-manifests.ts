/**
 * Generated Kubernetes manifests for the scan benchmark: a mix like a real estate's Helm output
 * (half Deployments, a third Services, PodDisruptionBudgets, some StatefulSets), where most follow
 * the rules and some break one or two. Deterministic: the same count gives the same documents.
 */

/** One generated Kubernetes object. */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
};

/** Namespaces the documents spread over; each has a Namespace document among the first ones. */
export const NAMESPACES = 200;

/** The `i`-th document of the estate (0-based). The first {@link NAMESPACES} are Namespaces. */
export function manifest(i: number): Manifest {
  if (i < NAMESPACES) return namespace(i);
  const ns = `team-${i % NAMESPACES}`;
  const slot = i % 20;
  if (slot < 10) return workload('Deployment', i, ns);
  if (slot < 17) return service(i, ns);
  if (slot < 19) return pdb(i, ns);
  return workload('StatefulSet', i, ns);
}

function namespace(i: number): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: `team-${i}`, labels: i % 4 === 0 ? {} : { team: `team-${i}` } },
  };
}

function workload(kind: 'Deployment' | 'StatefulSet', i: number, ns: string): Manifest {
  const name = `app-${i}`;
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `release-${Math.floor(i / 40)}`,
    ...(i % 7 === 0 ? {} : { owner: ns }),
    ...(i % 11 === 0 ? { 'simian.dev/availability': 'high' } : {}),
  };
  const container = {
    name: 'app',
    image:
      i % 9 === 0 ? 'registry.example.com/app:latest' : `registry.example.com/app:1.${i % 50}.0`,
    ports: [{ name: 'http', containerPort: 8080 }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'REGION', value: 'eu-west-1' },
    ],
    ...(i % 4 === 0
      ? {}
      : {
          readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
          livenessProbe: { httpGet: { path: '/live', port: 'http' } },
        }),
    resources:
      i % 5 === 0
        ? {}
        : { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: 1 + (i % 3),
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          containers: [
            container,
            {
              name: 'proxy',
              image: 'envoyproxy/envoy:v1.31.2',
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } },
              readinessProbe: { tcpSocket: { port: 9901 } },
              livenessProbe: { tcpSocket: { port: 9901 } },
            },
          ],
          ...(i % 2 === 0
            ? {
                topologySpreadConstraints: [
                  {
                    maxSkew: 1,
                    topologyKey: 'kubernetes.io/hostname',
                    whenUnsatisfiable: 'ScheduleAnyway',
                    labelSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
                  },
                ],
              }
            : {}),
        },
      },
    },
  };
}

function service(i: number, ns: string): Manifest {
  const target = `app-${i - (i % 20)}`;
  const exposed = i % 50 === 13;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${i}`, namespace: ns, labels: { 'app.kubernetes.io/name': target } },
    spec: {
      type: exposed ? 'LoadBalancer' : 'ClusterIP',
      selector: { 'app.kubernetes.io/name': target },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        ...(i % 3 === 0 ? [{ name: 'metrics', port: 9090 }] : []),
      ],
    },
  };
}

function pdb(i: number, ns: string): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: `pdb-${i}`, namespace: ns },
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': `app-${i - (i % 20)}` } },
    },
  };
}
