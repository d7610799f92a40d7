import type { Permission } from '@simian/core';
import { builtinKinds } from './kinds/builtin-kinds.js';
import type { KubernetesTargetConfig } from './target-schema.js';

type RbacPermission = Extract<Permission, { kind: 'rbac' }>;

/** One rule of a Role or ClusterRole. */
export interface RbacRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/**
 * Where each permission is granted: a ClusterRole for cluster-scoped kinds (and for namespaced
 * ones when the target lists every namespace), a Role in each namespace the target is limited to,
 * and a Role in the namespace of each object Simian keeps in one (kill switch, Lease).
 */
export interface RbacPlan {
  cluster: RbacRule[];
  /** Namespace -> the rules of the Role there. */
  namespaces: Record<string, RbacRule[]>;
}

/** Whether the API group/resource is namespaced, as far as the built-in table knows (custom: assume so). */
export function isNamespacedResource(group: string, resource: string): boolean {
  return builtinKinds.find((k) => k.group === group && k.plural === resource)?.namespaced ?? true;
}

/**
 * The namespaces the contexts of `targets.kubernetes` are limited to, when every context is (so
 * Roles there suffice); undefined when any context sees every namespace.
 */
export function limitedNamespaces(
  targets: KubernetesTargetConfig | undefined,
): string[] | undefined {
  if (!targets || targets.length === 0) return undefined;
  const lists = targets.map((t) => t.namespaces?.include);
  if (lists.some((l) => !l)) return undefined;
  const exclude = new Set(targets.flatMap((t) => t.namespaces?.exclude ?? []));
  return [...new Set(lists.flat() as string[])].filter((ns) => !exclude.has(ns)).sort();
}

/** Splits `permissions` into a ClusterRole's rules and each namespace's Role rules. */
export function rbacPlan(
  permissions: Permission[],
  options: { namespaces?: string[] } = {},
): RbacPlan {
  const cluster: RbacPermission[] = [];
  const byNamespace = new Map<string, RbacPermission[]>();
  const add = (ns: string, p: RbacPermission) =>
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), p]);
  for (const p of permissions.filter((x): x is RbacPermission => x.kind === 'rbac')) {
    const namespaced = isNamespacedResource(p.group, p.resource);
    // A cluster-scoped kind cannot be granted by a Role, whatever namespace an activity names.
    if (p.namespace && namespaced) add(p.namespace, p);
    else if (options.namespaces && namespaced) for (const ns of options.namespaces) add(ns, p);
    else cluster.push(p);
  }
  const namespaces: Record<string, RbacRule[]> = {};
  for (const ns of [...byNamespace.keys()].sort()) namespaces[ns] = rbacRules(byNamespace.get(ns)!);
  return { cluster: rbacRules(cluster), namespaces };
}

/**
 * The RBAC rules that grant `permissions`, merged by API group, verbs and resource names, as the
 * `rules:` of a Role or ClusterRole.
 */
export function rbacRules(permissions: Permission[]): RbacRule[] {
  const merged = new Map<string, RbacRule>();
  for (const p of byResource(permissions)) {
    const verbs = [...new Set(p.verbs)].sort();
    const names = p.resourceNames ? [...new Set(p.resourceNames)].sort() : undefined;
    const key = `${p.group}|${verbs.join(',')}|${names?.join(',') ?? ''}`;
    const rule = merged.get(key) ?? {
      apiGroups: [p.group],
      resources: [],
      verbs,
      ...(names ? { resourceNames: names } : {}),
    };
    const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
    if (!rule.resources.includes(resource)) rule.resources.push(resource);
    merged.set(key, rule);
  }
  return [...merged.values()];
}

/**
 * The permissions with every verb on one resource (and the same names) gathered into one, so that
 * no two rules grant the same verb on a resource: each rule then stands for something the run
 * uses, and taking any one away takes away a right (what the chart's minimality test checks).
 */
function byResource(permissions: Permission[]): RbacPermission[] {
  const out = new Map<string, RbacPermission>();
  for (const p of permissions.filter((x): x is RbacPermission => x.kind === 'rbac')) {
    const names = p.resourceNames ? [...new Set(p.resourceNames)].sort() : undefined;
    const key = `${p.group}|${p.resource}|${p.subresource ?? ''}|${names?.join(',') ?? '*'}`;
    const seen = out.get(key);
    out.set(key, seen ? { ...seen, verbs: [...new Set([...seen.verbs, ...p.verbs])] } : p);
  }
  return [...out.values()];
}

const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

function renderRules(rules: RbacRule[]): string {
  if (rules.length === 0) return 'rules: []\n';
  const body = rules
    .map(
      (r) =>
        `  - apiGroups: ${list(r.apiGroups)}\n    resources: ${list(r.resources)}\n` +
        (r.resourceNames ? `    resourceNames: ${list(r.resourceNames)}\n` : '') +
        `    verbs: ${list(r.verbs)}`,
    )
    .join('\n');
  return `rules:\n${body}\n`;
}

/** A ClusterRole manifest (YAML) granting `permissions` everywhere. */
export function renderClusterRole(name: string, permissions: Permission[]): string {
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n${renderRules(rbacRules(permissions))}`;
}

/** The ClusterRole (when it has rules) and the Roles of `plan`, as one YAML stream. */
export function renderRbacPlan(name: string, plan: RbacPlan): string {
  const docs: string[] = [];
  if (plan.cluster.length > 0)
    docs.push(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n${renderRules(plan.cluster)}`,
    );
  for (const [ns, rules] of Object.entries(plan.namespaces))
    docs.push(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${renderRules(rules)}`,
    );
  return docs.join('---\n');
}
