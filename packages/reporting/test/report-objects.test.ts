// PolicyReport and OpenReports objects in a real cluster: the sandbox's kube-apiserver with the
// real CRDs (Kyverno's wgpolicyk8s.io, OpenReports'), so each object is judged by the CRD's own
// schema. Written through the Kubernetes provider's syncReportObjects, as `reporting.clusterReports`
// does after each run: created, replaced, and gone when a namespace has no findings any more.
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { createLogger, Store, type Finding } from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { uniqueName } from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  complianceFromStore,
  OPEN_REPORTS,
  POLICY_REPORT,
  REPORT_OBJECT_LABELS,
  reportObjects,
  type ReportApi,
} from '../src/index.js';

const kubeconfig = inject('sandboxKubeconfig');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const logger = createLogger({ level: 'silent', format: 'json' });
const provider = kubernetesProvider.create(
  kubernetesProvider.targetSchema.parse([{ kubeconfig }]),
  {
    logger,
    configDir: process.cwd(),
  },
);
const scope = provider.scopes()[0]!;
const [nsA, nsB] = [uniqueName('reports-a'), uniqueName('reports-b')];

const finding = (
  namespace: string | undefined,
  kind: string,
  name: string,
  ruleId: string,
  waived = false,
): Finding => ({
  ruleId,
  severity: 'high',
  monkey: 'conformity',
  resource: {
    ref: `k8s:${scope}/${namespace ?? '_'}/${kind}/${name}`,
    kind,
    name,
    provider: 'kubernetes',
    context: scope,
    ...(namespace ? { namespace } : {}),
    owner: 'team-reports',
  },
  message: `${kind} ${name} breaks ${ruleId}`,
  evidence: { why: 'test' },
  frameworks: ['cis-kubernetes-1.12:5.2.2'],
  ...(waived
    ? { waiver: { by: 'config' as const, owner: 'sec', reason: 'accepted', expires: '2027-01-01' } }
    : {}),
});

function reportOf(findings: Finding[]) {
  const store = new Store(':memory:');
  store.recordFindings('r', findings, new Date().toISOString(), 'conformity');
  const { report } = complianceFromStore(store);
  store.close();
  return report!;
}

async function sync(api: ReportApi, findings: Finding[]) {
  const objects = reportObjects(reportOf(findings), api)
    .filter((x) => x.context === scope)
    .map((x) => x.object);
  return provider.syncReportObjects(scope, objects, {
    kinds: [`${api.apiVersion}/${api.namespaced}`, `${api.apiVersion}/${api.clusterScoped}`],
    labels: { ...REPORT_OBJECT_LABELS },
  });
}

const plural = (kind: string) => `${kind.toLowerCase()}s`;
async function namespaced(api: ReportApi, namespace: string) {
  const [g, v] = api.apiVersion.split('/') as [string, string];
  try {
    return (await custom.getNamespacedCustomObject({
      group: g,
      version: v,
      namespace,
      plural: plural(api.namespaced),
      name: 'simian',
    })) as {
      summary: Record<string, number>;
      results: Array<{
        policy: string;
        result: string;
        resources: Array<{ name: string }>;
        properties: Record<string, string>;
      }>;
    };
  } catch (e) {
    if ((e as { code?: number }).code === 404) return undefined;
    throw e;
  }
}

// `simian sandbox up` installs the real PolicyReport and OpenReports CRDs (toolchain `crds`).
beforeAll(async () => {
  for (const name of [nsA, nsB]) await core.createNamespace({ body: { metadata: { name } } });
});
afterAll(async () => {
  for (const api of [POLICY_REPORT, OPEN_REPORTS]) await sync(api, []).catch(() => undefined);
  for (const name of [nsA, nsB]) await core.deleteNamespace({ name }).catch(() => undefined);
  await provider.close();
});

describe.each([POLICY_REPORT, OPEN_REPORTS])('$namespaced objects in the cluster', (api) => {
  it('are accepted by the real CRD, one per namespace and one cluster-scoped, with fail and skip results', async () => {
    const done = await sync(api, [
      finding(nsA, 'Deployment', 'web', 'K8S-SEC-001'),
      finding(nsA, 'Deployment', 'api', 'K8S-IMG-001', true),
      finding(nsB, 'Deployment', 'db', 'K8S-SEC-001'),
      finding(undefined, 'ClusterRoleBinding', 'ci-admin', 'K8S-RBAC-001'),
    ]);
    expect(done).toMatchObject({ applied: 3 });
    const a = await namespaced(api, nsA);
    expect(a!.summary).toMatchObject({ fail: 1, skip: 1 });
    expect(a!.results.map((r) => [r.policy, r.result, r.resources[0]!.name]).sort()).toEqual([
      ['K8S-IMG-001', 'skip', 'api'],
      ['K8S-SEC-001', 'fail', 'web'],
    ]);
    expect(a!.results.find((r) => r.result === 'skip')!.properties).toMatchObject({
      waivedBy: 'config',
      waiverOwner: 'sec',
    });
    const [g, v] = api.apiVersion.split('/') as [string, string];
    const cluster = (await custom.getClusterCustomObject({
      group: g,
      version: v,
      plural: plural(api.clusterScoped),
      name: 'simian',
    })) as {
      results: Array<{ policy: string }>;
    };
    expect(cluster.results.map((r) => r.policy)).toEqual(['K8S-RBAC-001']);
  });

  it('are replaced on the next run, and a namespace without findings loses its report', async () => {
    const done = await sync(api, [finding(nsA, 'Deployment', 'web', 'K8S-SEC-001')]);
    expect(done.applied).toBe(1);
    expect(done.deleted).toBeGreaterThanOrEqual(2);
    expect((await namespaced(api, nsA))!.results.map((r) => r.resources[0]!.name)).toEqual(['web']);
    expect(await namespaced(api, nsB)).toBeUndefined();
  });

  it('the CRD refuses what it does not allow: its schema is really checked', async () => {
    const [g, v] = api.apiVersion.split('/') as [string, string];
    const body = {
      apiVersion: api.apiVersion,
      kind: api.namespaced,
      metadata: { name: 'not-simian', namespace: nsA },
      results: [{ policy: 'x', result: 'maybe' }],
    };
    await expect(
      custom.createNamespacedCustomObject({
        group: g,
        version: v,
        namespace: nsA,
        plural: plural(api.namespaced),
        body,
      }),
    ).rejects.toMatchObject({ code: 422 });
  });
});
