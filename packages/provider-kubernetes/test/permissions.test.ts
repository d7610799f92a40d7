import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { Inventory, type Action, type Permission, type SimianConfig } from '@simian/core';
import { mintIdentity } from '@simian/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  diagnoseKubernetes,
  kubernetesProvider,
  kubernetesRuntimePermissions,
  kubernetesTargetSchema,
  leasePermissions,
  type KubernetesProvider,
} from '../src/index.js';
import { logger, sandboxProvider, uniqueName } from './support.js';

// A read-only identity: a client certificate minted by the sandbox's CA, bound to the built-in
// `view` ClusterRole (which reads most things, but not Secrets, and changes nothing).
const cwd = inject('sandboxCwd');
const admin = new KubeConfig();
admin.loadFromFile(inject('sandboxKubeconfig'));
const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
const viewer = uniqueName('provider-viewer');
const nobody = uniqueName('provider-nobody');
let asViewer: KubernetesProvider;
let asNobody: KubernetesProvider;
let scope: string;

const needed = (verb: string, kind: string): Permission[] =>
  kubernetesProvider.verbs
    .filter((v) => v.verb === verb && v.kinds.includes(kind))
    .flatMap((v) => v.permissions);
const listing = (kind: string): Permission[] =>
  kubernetesProvider.kinds.find((k) => k.kind === kind)!.permissions;

beforeAll(async () => {
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: viewer },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: viewer }],
    },
  });
  asViewer = sandboxProvider((await mintIdentity({ cwd, name: viewer })).kubeconfig, {
    maxAttempts: 2,
  });
  asNobody = sandboxProvider((await mintIdentity({ cwd, name: nobody })).kubeconfig, {
    maxAttempts: 2,
  });
  scope = asViewer.scopes()[0]!;
});

afterAll(async () => {
  await rbac.deleteClusterRoleBinding({ name: viewer }).catch(() => undefined);
  await asViewer?.close();
  await asNobody?.close();
});

describe('checkPermissions (SelfSubjectAccessReview)', () => {
  it('a viewer may list pods but not delete or evict them', async () => {
    const checks = await asViewer.checkPermissions(scope, [
      ...listing('Pod'),
      ...needed('delete', 'Pod'),
      ...needed('evict', 'Pod'),
    ]);
    expect(checks.map((c) => c.allowed)).toEqual([true, false, false]);
    expect(checks[1]?.detail).toBe('missing: delete cluster-wide');
  });

  it("an IAM permission is not the Kubernetes provider's to judge", async () => {
    const [check] = await asViewer.checkPermissions(scope, [
      { kind: 'iam', actions: ['ec2:TerminateInstances'] },
    ]);
    expect(check?.allowed).toBe('unknown');
  });
});

describe('doctor', () => {
  it('lists the missing verbs for a read-only identity, as a ClusterRole to apply', async () => {
    const chaos = [...listing('Pod'), ...needed('evict', 'Pod'), ...needed('delete', 'Pod')];
    const [report] = await diagnoseKubernetes(asViewer, chaos);
    expect(report).toMatchObject({ scope, reachable: true });
    expect(report?.identity).toContain(viewer);
    expect(report?.detail).toMatch(/^Kubernetes v1\.\d+/);
    expect(report?.missing).toEqual([...needed('evict', 'Pod'), ...needed('delete', 'Pod')]);
    expect(report?.grant).toContain('resources: ["pods/eviction"]\n    verbs: ["create"]');
    expect(report?.grant).toContain('resources: ["pods"]\n    verbs: ["delete"]');
  });

  it("checks what every run needs: the reaper's listing, the kill switch by name, the Lease and PolicyReports", async () => {
    const targets = kubernetesTargetSchema.parse([
      { killSwitchConfigMap: { namespace: 'simian-system', name: 'stop' } },
    ]);
    const config = {
      reporting: { cluster: { formats: ['policyreport'] } },
    } as unknown as SimianConfig;
    const runtime = [
      ...kubernetesRuntimePermissions(targets, config),
      ...leasePermissions('simian-system', 'simian-daemon'),
    ];
    const [report] = await diagnoseKubernetes(asViewer, runtime);
    // `view` reads ConfigMaps and NetworkPolicies; it has no Leases, writes no reports, and does
    // not read the custom kinds faults are (the reaper lists them).
    expect(report?.missing.map((p) => p.kind === 'rbac' && `${p.resource} ${p.verbs}`)).toEqual([
      'networkchaos list',
      'virtualservices list',
      'policyreports create,delete,get,list,patch',
      'clusterpolicyreports create,delete,get,list,patch',
      'leases get,update',
      'leases create',
    ]);
    // The Lease is granted by a Role in its namespace, get/update by its name only.
    expect(report?.grant).toContain(
      'kind: Role\nmetadata:\n  name: simian-missing\n  namespace: simian-system\n',
    );
    expect(report?.grant).toContain('resourceNames: ["simian-daemon"]');
    const [nothing] = await diagnoseKubernetes(asNobody, runtime);
    // An identity bound to nothing lacks the kill switch too, by name in its namespace.
    expect(nothing?.missing).toContainEqual(
      runtime.find((p) => p.kind === 'rbac' && p.resource === 'configmaps'),
    );
  });

  it('an admin is missing nothing', async () => {
    const asAdmin = sandboxProvider(inject('sandboxKubeconfig'));
    try {
      const [report] = await diagnoseKubernetes(
        asAdmin,
        kubernetesProvider.verbs.flatMap((v) => v.permissions),
      );
      expect(report?.missing).toEqual([]);
      expect(report?.grant).toBeUndefined();
    } finally {
      await asAdmin.close();
    }
  });
});

describe('a listing the identity may not make', () => {
  it('fails, and the core inventory marks it incomplete, never empty', async () => {
    const inventory = new Inventory([asViewer]);
    const secrets = await inventory.list('kubernetes', 'Secret', scope);
    expect(secrets.complete).toBe(false);
    expect(secrets.items).toEqual([]);
    expect(secrets.error).toContain(
      `the identity "${viewer}" cannot list secrets in all namespaces`,
    );
    expect(secrets.error).toContain(
      'hint: grant it { apiGroups: [""], resources: ["secrets"], verbs: ["list"] }',
    );
    const pods = await inventory.list('kubernetes', 'Pod', scope);
    expect(pods.complete).toBe(true);
    expect(pods.items.length).toBeGreaterThan(0);
    expect((await inventory.incomplete()).map((l) => l.key.kind)).toEqual(['Secret']);
  });

  it('an identity bound to nothing has every listing incomplete', async () => {
    const inventory = new Inventory([asNobody]);
    const listings = await Promise.all(
      ['Pod', 'Deployment', 'Node'].map((k) => inventory.list('kubernetes', k, scope)),
    );
    expect(listings.every((l) => !l.complete)).toBe(true);
  });

  it('an action the identity may not take fails with the rule to grant', async () => {
    const [pod] = await asViewer.list('Pod', scope);
    const action: Action = {
      id: 'x',
      monkey: 'test',
      verb: 'delete',
      resource: {
        ref: pod!.ref,
        provider: 'kubernetes',
        kind: 'Pod',
        name: pod!.name,
        namespace: pod!.namespace!,
        labels: {},
      },
      reason: 'test',
      reversible: false,
    };
    const error = await asViewer.execute(action, { dryRun: true, logger }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(
      `the identity "${viewer}" cannot delete pods "${pod!.name}" in namespace ${pod!.namespace}`,
    );
    expect((error as { hint?: string }).hint).toContain(
      '{ apiGroups: [""], resources: ["pods"], verbs: ["delete"] }',
    );
  });
});

describe('kill switch', () => {
  it('a ConfigMap with data.engaged "true" engages it; absent or anything else does not', async () => {
    const ns = 'default';
    const name = uniqueName('kill-switch');
    const withSwitch = sandboxProvider(inject('sandboxKubeconfig'), {
      killSwitchConfigMap: { namespace: ns, name },
    });
    const core = admin.makeApiClient(CoreV1Api);
    try {
      expect(await withSwitch.killSwitch()).toBeUndefined();
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name }, data: { engaged: 'false' } },
      });
      expect(await withSwitch.killSwitch()).toBeUndefined();
      await core.replaceNamespacedConfigMap({
        namespace: ns,
        name,
        body: { metadata: { name }, data: { engaged: 'true' } },
      });
      expect(await withSwitch.killSwitch()).toMatch(
        new RegExp(`ConfigMap default/${name} .* data.engaged="true"`),
      );
    } finally {
      await core.deleteNamespacedConfigMap({ namespace: ns, name }).catch(() => undefined);
      await withSwitch.close();
    }
  });
});
