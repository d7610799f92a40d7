import { resourcesOf } from '../estate.js';
import { POD_SPEC_KINDS } from './k8s-references.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-empty-namespace';

/** What Kubernetes puts in every namespace: it does not make one "used". */
const DEFAULTS: Record<
  string,
  (r: { name: string; views?: { secret?: { type: string } } }) => boolean
> = {
  ServiceAccount: (r) => r.name === 'default',
  ConfigMap: (r) => r.name === 'kube-root-ca.crt',
  Secret: (r) => r.views?.secret?.type === 'kubernetes.io/service-account-token',
};

/** Namespaces that the Kubernetes control plane needs whatever is in them. */
const SYSTEM = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** The namespaced kinds looked into. */
export const NAMESPACE_CONTENT_KINDS = [
  ...POD_SPEC_KINDS,
  'Service',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ServiceAccount',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'Role',
  'RoleBinding',
];

/** Namespaces with nothing in them but what Kubernetes puts in every namespace. */
export const k8sEmptyNamespace = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['Namespace'],
  title: 'Empty namespace',
  description: `A namespace that holds none of ${NAMESPACE_CONTENT_KINDS.join(', ')} (the default ServiceAccount, kube-root-ca.crt and service account tokens do not count), for longer than \`after\`. default and kube-* are never judged. Custom resources are not looked into: a namespace that holds only custom resources counts as empty, so keep such namespaces in \`safety.protected.namespaces\` or opt them out.`,
  reads: ['Namespace', ...NAMESPACE_CONTENT_KINDS],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '7d' }),
  judge(r, ctx) {
    if (SYSTEM.has(r.name)) return undefined;
    for (const kind of NAMESPACE_CONTENT_KINDS) {
      const found = resourcesOf(ctx.estate, kind).find(
        (o) => o.namespace === r.name && !DEFAULTS[kind]?.(o),
      );
      if (found) return { unused: false, reason: `holds ${kind} ${found.name}` };
    }
    return {
      unused: true,
      reason: `namespace ${r.name} holds nothing but what Kubernetes puts in every namespace`,
      evidence: { checked: NAMESPACE_CONTENT_KINDS, notChecked: 'custom resources' },
    };
  },
});
