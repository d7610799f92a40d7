import { describe, expect, it } from 'vitest';
import type { Permission } from '@simian/core';
import { parseConfigText } from '@simian/core';
import { permissionsNeeded, runtimePermissions } from './permissions.js';
import { loadRegistry } from './registry.js';

const rbac = (perms: Permission[] | undefined) =>
  (perms ?? []).flatMap((p) =>
    p.kind === 'rbac'
      ? p.verbs.map((v) => `${v} ${p.resource}${p.subresource ? `/${p.subresource}` : ''}`)
      : [],
  );

describe('permissions read from the registries', async () => {
  const registry = await loadRegistry();

  it('grants the chaos monkey exactly its kills: evict and delete pods, never delete workloads', () => {
    const k8s = rbac(permissionsNeeded(registry, [registry.monkey('chaos')]).get('kubernetes'));
    expect(k8s).toEqual(
      expect.arrayContaining([
        'list pods',
        'create pods/eviction',
        'delete pods',
        'patch pods/ephemeralcontainers',
      ]),
    );
    expect(k8s).not.toContain('delete deployments');
    expect(k8s.filter((p) => p.startsWith('delete'))).toEqual(['delete pods']);
  });

  it('grants the conformity monkey scale on workloads and patch for marks', () => {
    const k8s = rbac(
      permissionsNeeded(registry, [registry.monkey('conformity')]).get('kubernetes'),
    );
    expect(k8s).toEqual(expect.arrayContaining(['patch deployments/scale', 'patch deployments']));
    expect(k8s).not.toContain('create pods/eviction');
  });

  it('declares every monkey verb as provider:verb:Kind that a provider knows', () => {
    for (const monkey of registry.monkeys()) {
      for (const entry of monkey.verbs) {
        const [provider, verb, kind] = entry.split(':');
        const factory = registry.providers().find((f) => f.name === provider);
        expect(factory, entry).toBeDefined();
        const known = factory!.verbs.some(
          (v) => v.verb === verb && (kind === '*' || v.kinds.includes(kind!)),
        );
        expect(known, `${monkey.name}: ${entry}`).toBe(true);
      }
    }
  });

  it("grants the chaos monkey only its config's kill method when given the config", () => {
    const config = parseConfigText(
      'version: 1\nmonkeys:\n  chaos:\n    enabled: true\n    kubernetes: { killMethod: delete }\n',
      'simian.yaml',
      registry,
      { env: {} },
    );
    const k8s = rbac(
      permissionsNeeded(registry, [registry.monkey('chaos')], config).get('kubernetes'),
    );
    expect(k8s).toContain('delete pods');
    expect(k8s).not.toContain('create pods/eviction');
    expect(k8s).not.toContain('patch pods/ephemeralcontainers');
  });

  it("adds what every run needs: the reaper's listing, the kill-switch ConfigMap, the SSM parameter and the Lease", () => {
    const config = parseConfigText(
      `version: 1
targets:
  kubernetes:
    - killSwitchConfigMap: { namespace: simian-system, name: stop }
  aws:
    - region: eu-west-1
      accountId: '123456789012'
      killSwitchParameter: /simian/kill-switch
`,
      'simian.yaml',
      registry,
      { env: {} },
    );
    const perms = runtimePermissions(registry, config, {
      lease: { namespace: 'simian-system', name: 'simian-daemon' },
    });
    expect(perms.get('kubernetes')).toEqual([
      // The reaper lists the kinds a fault can live on, at the start of every run.
      { kind: 'rbac', group: 'networking.k8s.io', resource: 'networkpolicies', verbs: ['list'] },
      // Custom fault kinds, wherever their CRDs are installed.
      { kind: 'rbac', group: 'chaos-mesh.org', resource: 'networkchaos', verbs: ['list'] },
      { kind: 'rbac', group: 'networking.istio.io', resource: 'virtualservices', verbs: ['list'] },
      // Pods carry netem faults (the latency monkey's tc backend).
      { kind: 'rbac', group: '', resource: 'pods', verbs: ['list'] },
      {
        kind: 'rbac',
        group: '',
        resource: 'configmaps',
        verbs: ['get'],
        namespace: 'simian-system',
        resourceNames: ['stop'],
      },
      {
        kind: 'rbac',
        group: 'coordination.k8s.io',
        resource: 'leases',
        verbs: ['get', 'update'],
        namespace: 'simian-system',
        resourceNames: ['simian-daemon'],
      },
      {
        kind: 'rbac',
        group: 'coordination.k8s.io',
        resource: 'leases',
        verbs: ['create'],
        namespace: 'simian-system',
      },
    ]);
    expect(perms.get('aws')).toEqual([
      {
        kind: 'iam',
        actions: ['ssm:GetParameter'],
        resources: ['arn:aws:ssm:eu-west-1:123456789012:parameter/simian/kill-switch'],
      },
    ]);
  });
});
