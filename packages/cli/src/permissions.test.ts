import { describe, expect, it } from 'vitest';
import type { Permission } from '@simian/core';
import { permissionsNeeded } from './permissions.js';
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
});
