// Seed 003's estate in a namespace of the sandbox: front -> middle -> back, each a Deployment and
// a Service (kwok runs no containers: the pods are Running and Ready on fake nodes, and the
// endpoint controller lists them). Callers time out after one second, as in the seed.
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { eventually } from './support.js';

export const SERVICES = ['front', 'middle', 'back'] as const;

export interface Seed003 {
  kc: KubeConfig;
  namespace: string;
  remove(): Promise<void>;
}

export async function createSeed003(
  kubeconfig: string,
  namespace: string,
  options: {
    optedIn?: Array<(typeof SERVICES)[number]>;
    virtualService?: boolean;
    /** Service annotations, by service. */
    annotations?: Partial<Record<(typeof SERVICES)[number], Record<string, string>>>;
    namespaceLabels?: Record<string, string>;
  } = {},
): Promise<Seed003> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  await core.createNamespace({
    body: { metadata: { name: namespace, labels: options.namespaceLabels ?? {} } },
  });
  await eventually('the default service account', () =>
    core
      .readNamespacedServiceAccount({ name: 'default', namespace })
      .then(() => true)
      .catch(() => undefined),
  );
  for (const app of SERVICES) {
    const labels = { app };
    const next = app === 'front' ? 'middle' : app === 'middle' ? 'back' : undefined;
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: app, labels },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: app,
                  image: `chaostoolkit/demo-${app}:latest`,
                  ports: [{ containerPort: 8080, name: 'http' }],
                  env: next
                    ? [
                        { name: 'NEXT', value: `http://${next}` },
                        { name: 'TIMEOUT', value: '1s' },
                      ]
                    : [],
                  readinessProbe: { httpGet: { path: '/health', port: 8080 }, timeoutSeconds: 2 },
                },
              ],
            },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace,
      body: {
        metadata: {
          name: app,
          labels: {
            app,
            ...(options.optedIn?.includes(app) ? { 'latency.simian.dev/enabled': 'true' } : {}),
          },
          annotations: options.annotations?.[app] ?? {},
        },
        spec: {
          selector: labels,
          ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        },
      },
    });
  }
  if (options.virtualService) {
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace,
      plural: 'virtualservices',
      body: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'middle' },
        spec: {
          hosts: ['middle'],
          http: [
            { route: [{ destination: { host: 'middle', port: { number: 80 } } }], timeout: '1s' },
          ],
        },
      },
    });
  }
  // Every service has a ready endpoint: what the latency monkey needs to plan a fault.
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  await eventually(
    'ready endpoints of front, middle and back',
    async () => {
      const slices = await discovery.listNamespacedEndpointSlice({ namespace });
      const ready = new Set(
        slices.items
          .filter((s) =>
            s.endpoints?.some((e) => e.conditions?.ready !== false && e.addresses.length > 0),
          )
          .map((s) => s.metadata?.labels?.['kubernetes.io/service-name']),
      );
      return SERVICES.every((s) => ready.has(s)) ? true : undefined;
    },
    60_000,
  );
  return {
    kc,
    namespace,
    remove: async () => {
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    },
  };
}
