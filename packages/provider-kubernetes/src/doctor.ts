import { diagnoseScopes, type Permission, type Provider, type ScopeDiagnosis } from '@simian/core';

/** What `simian doctor` learns about one context. */
export type KubernetesScopeDiagnosis = ScopeDiagnosis;

type RbacPermission = Extract<Permission, { kind: 'rbac' }>;

/**
 * The RBAC rules that grant `permissions`, merged by API group and verbs, as the `rules:` of a
 * Role or ClusterRole.
 */
export function rbacRules(
  permissions: Permission[],
): Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }> {
  const merged = new Map<string, { apiGroups: string[]; resources: string[]; verbs: string[] }>();
  for (const p of permissions.filter((x): x is RbacPermission => x.kind === 'rbac')) {
    const verbs = [...new Set(p.verbs)].sort();
    const key = `${p.group}|${verbs.join(',')}`;
    const rule = merged.get(key) ?? { apiGroups: [p.group], resources: [], verbs };
    const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
    if (!rule.resources.includes(resource)) rule.resources.push(resource);
    merged.set(key, rule);
  }
  return [...merged.values()];
}

/** A ClusterRole manifest (YAML) granting `permissions`. */
export function renderClusterRole(name: string, permissions: Permission[]): string {
  const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const rules = rbacRules(permissions)
    .map(
      (r) =>
        `  - apiGroups: ${list(r.apiGroups)}\n    resources: ${list(r.resources)}\n    verbs: ${list(r.verbs)}`,
    )
    .join('\n');
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n${rules}\n`;
}

/**
 * For each context of `provider`: can it be reached, as whom, and which of `permissions` are
 * missing, with a ClusterRole that would grant them. What `simian doctor` prints for Kubernetes.
 */
export function diagnoseKubernetes(
  provider: Provider,
  permissions: Permission[],
): Promise<KubernetesScopeDiagnosis[]> {
  return diagnoseScopes(provider, permissions, (missing) =>
    missing.length > 0 ? renderClusterRole('simian-missing', missing) : undefined,
  );
}
