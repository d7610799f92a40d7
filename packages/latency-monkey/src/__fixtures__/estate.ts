// Resources as the Kubernetes provider fills them (refs, labels, views), for the latency
// monkey's unit tests on the MemoryProvider. Seed 003's shape: front -> middle -> back.
import type { ContainerProbes, Resource } from '@simian/core';

const CONTEXT = 'test';
const ref = (ns: string | undefined, kind: string, name: string) =>
  `k8s:${CONTEXT}/${ns ?? '_'}/${kind}/${name}`;

export function service(
  name: string,
  options: {
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    selector?: Record<string, string> | null;
    port?: { port: number; name?: string };
  } = {},
): Resource {
  const namespace = options.namespace ?? 'shop';
  const selector = options.selector === null ? undefined : (options.selector ?? { app: name });
  return {
    ref: ref(namespace, 'Service', name),
    provider: 'kubernetes',
    kind: 'Service',
    name,
    namespace,
    context: CONTEXT,
    labels: options.labels ?? {},
    annotations: options.annotations ?? {},
    views: {
      service: {
        ...(selector ? { selector } : {}),
        ports: [{ port: 80, protocol: 'TCP', name: 'http', ...options.port }],
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        loadBalancer: [],
        externalIPs: [],
      },
    },
    raw: {},
  };
}

export function endpointSlice(
  serviceName: string,
  pods: Array<{ pod: string; ready: boolean }>,
  namespace = 'shop',
): Resource {
  return {
    ref: ref(namespace, 'EndpointSlice', `${serviceName}-abcde`),
    provider: 'kubernetes',
    kind: 'EndpointSlice',
    name: `${serviceName}-abcde`,
    namespace,
    context: CONTEXT,
    labels: { 'kubernetes.io/service-name': serviceName },
    views: {
      endpoints: {
        service: serviceName,
        endpoints: pods.map((p, i) => ({
          ready: p.ready,
          addresses: [`10.1.0.${i + 2}`],
          pod: p.pod,
        })),
      },
    },
    raw: {},
  };
}

export function pod(
  name: string,
  labels: Record<string, string>,
  containers: ContainerProbes[] = [{ container: 'app' }],
  namespace = 'shop',
): Resource {
  return {
    ref: ref(namespace, 'Pod', name),
    provider: 'kubernetes',
    kind: 'Pod',
    name,
    namespace,
    context: CONTEXT,
    labels,
    annotations: {},
    views: { probes: { containers } },
    raw: {},
  };
}

export function namespaceObject(name: string, labels: Record<string, string> = {}): Resource {
  return {
    ref: ref(undefined, 'Namespace', name),
    provider: 'kubernetes',
    kind: 'Namespace',
    name,
    context: CONTEXT,
    labels,
    raw: {},
  };
}

export function virtualService(name: string, namespace = 'shop'): Resource {
  return {
    ref: ref(namespace, 'VirtualService.v1.networking.istio.io', name),
    provider: 'kubernetes',
    kind: 'networking.istio.io/v1/VirtualService',
    name,
    namespace,
    context: CONTEXT,
    labels: {},
    annotations: {},
    raw: {},
  };
}

const OPTED_IN = { 'latency.simian.dev/enabled': 'true' };

/** Seed 003: front, middle (opted in, two ready pods) and back, in namespace shop. */
export function seed003(): Resource[] {
  return [
    service('front'),
    service('middle', { labels: OPTED_IN }),
    service('back'),
    endpointSlice('front', [{ pod: 'front-1', ready: true }]),
    endpointSlice('middle', [
      { pod: 'middle-1', ready: true },
      { pod: 'middle-2', ready: true },
    ]),
    endpointSlice('back', [{ pod: 'back-1', ready: true }]),
    pod('front-1', { app: 'front' }),
    pod('middle-1', { app: 'middle' }, [
      {
        container: 'app',
        liveness: { handler: 'http', timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 },
      },
    ]),
    pod('middle-2', { app: 'middle' }),
    pod('back-1', { app: 'back' }),
    namespaceObject('shop'),
  ];
}
