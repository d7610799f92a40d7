// Helpers for the conformity monkey's tests against the sandbox: clients, a namespace of the
// test's own, and runs of the real engine with the real Kubernetes provider.
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  parseConfigText,
  Registry,
  runMonkeys,
  silentLogger,
  Store,
  type RunResult,
  type SimianConfig,
} from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { conformityMonkey } from '../src/index.js';

/** The registry the CLI builds: the conformity monkey and the Kubernetes provider. */
export const registry = (): Registry =>
  new Registry().registerMonkey(conformityMonkey).registerProvider(kubernetesProvider);

/** A unique, DNS-safe name for what a test creates. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** Kubernetes clients over the sandbox's admin kubeconfig. */
export function kubeClients(kubeconfig: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
}
export type KubeClients = ReturnType<typeof kubeClients>;

/** Every day, all day: tests must not depend on the hour they run at. */
const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';

/**
 * simian.yaml for a test: the sandbox's kubeconfig, scoped to `namespace`, the conformity monkey
 * enabled; `own` is indented under `monkeys.conformity`.
 */
export function conformityConfig(kubeconfig: string, namespace: string, own: string): SimianConfig {
  const indented = own
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  const text = `version: 1
safety:
  blastRadius: { maxActionsPerRun: 10 }
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [${namespace}] }
monkeys:
  conformity:
    enabled: true
    schedule:
      windows: ${ALWAYS}
      minTimeBetweenActions: 0s
${indented}
`;
  return parseConfigText(text, '/tmp/simian-conformity-test.yaml', registry(), { env: {} });
}

/** One real run of the conformity monkey through the engine. */
export function runConformity(config: SimianConfig, store: Store): Promise<RunResult> {
  return runMonkeys({
    config,
    registry: registry(),
    store,
    logger: silentLogger(),
    mode: 'run',
    env: {},
  });
}

/** A Deployment named `name` with `labels` on it (and `app: name` on its pods). */
export function deploymentBody(
  name: string,
  replicas: number,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
) {
  return {
    metadata: { name, labels, annotations },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'main',
              image: 'nginx:1.27.2',
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } },
              readinessProbe: { httpGet: { path: '/', port: 80 } },
              livenessProbe: { httpGet: { path: '/', port: 80 } },
            },
          ],
          terminationGracePeriodSeconds: 1,
        },
      },
    },
  };
}

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

/** Sleeps until `at` (plus a little, so a deadline has surely passed). */
export async function sleepUntil(at: Date): Promise<void> {
  const ms = at.getTime() - Date.now() + 50;
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

export { Store };

/**
 * Read, change, replace, again on a 409: the controllers write status concurrently, so a plain
 * replace of a fresh read can lose the race.
 */
export async function updateDeployment(
  k: KubeClients,
  namespace: string,
  name: string,
  change: (d: Awaited<ReturnType<KubeClients['apps']['readNamespacedDeployment']>>) => void,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const d = await k.apps.readNamespacedDeployment({ namespace, name });
    change(d);
    try {
      await k.apps.replaceNamespacedDeployment({ namespace, name, body: d });
      return;
    } catch (error) {
      if ((error as { code?: number }).code !== 409 || attempt >= 10) throw error;
    }
  }
}
