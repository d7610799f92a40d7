import type { Permission, PermissionCheck, Provider } from '@simian/core';

/** What `simian doctor` learns about one context. */
export interface KubernetesScopeDiagnosis {
  scope: string;
  reachable: boolean;
  identity?: string;
  /** The server's version, or why it could not be reached. */
  detail?: string;
  checks: PermissionCheck[];
  /** Permissions found missing (not the unknown ones). */
  missing: Permission[];
  /** A ClusterRole that grants what is missing, as YAML; absent when nothing is. */
  grant?: string;
}

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
export async function diagnoseKubernetes(
  provider: Provider,
  permissions: Permission[],
): Promise<KubernetesScopeDiagnosis[]> {
  return Promise.all(
    provider.scopes().map(async (scope): Promise<KubernetesScopeDiagnosis> => {
      const ping = (await provider.ping?.(scope)) ?? { ok: true };
      const base = {
        scope,
        reachable: ping.ok,
        ...(ping.identity ? { identity: ping.identity } : {}),
        ...(ping.detail ? { detail: ping.detail } : {}),
      };
      if (!ping.ok || !provider.checkPermissions) return { ...base, checks: [], missing: [] };
      const checks = await provider.checkPermissions(scope, permissions);
      const missing = checks.filter((c) => c.allowed === false).map((c) => c.permission);
      return {
        ...base,
        checks,
        missing,
        ...(missing.length > 0 ? { grant: renderClusterRole('simian-missing', missing) } : {}),
      };
    }),
  );
}
