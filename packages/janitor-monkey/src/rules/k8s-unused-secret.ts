import { POD_SPEC_KINDS, keyOf, referencesOf } from './k8s-references.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-unused-secret';

/** Secret types something other than a pod spec uses: they are never judged. */
const MANAGED_TYPES = new Set([
  'kubernetes.io/service-account-token',
  'bootstrap.kubernetes.io/token',
  // Helm keeps its releases in Secrets: deleting one breaks `helm upgrade` and `helm rollback`.
  'helm.sh/release.v1',
]);
/** cert-manager writes a Certificate's key pair into a Secret it does not always own. */
const CERT_MANAGER = 'cert-manager.io/certificate-name';

/** Secrets that no pod, ServiceAccount, Ingress or owner needs. */
export const k8sUnusedSecret = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['Secret'],
  title: 'Unreferenced Secret',
  description:
    "A Secret that no pod spec references (volumes, projected volumes, envFrom, valueFrom, imagePullSecrets), no ServiceAccount names (secrets, imagePullSecrets), no Ingress serves (tls), and nothing owns, for longer than `after`. Service account tokens, bootstrap tokens, Helm's release records and cert-manager's certificates are never judged.",
  reads: ['Secret', 'ServiceAccount', 'Ingress', ...POD_SPEC_KINDS],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '7d' }),
  judge(r, ctx) {
    const type = r.views?.secret?.type;
    if (!type || MANAGED_TYPES.has(type) || r.annotations?.[CERT_MANAGER] !== undefined) {
      return undefined;
    }
    const owner = r.views?.owners?.[0];
    if (owner) return { unused: false, reason: `owned by ${owner.kind} ${owner.name}` };
    const by = referencesOf(ctx.estate).secrets.get(keyOf(r));
    if (by) return { unused: false, reason: `referenced by ${by.join(', ')}` };
    return {
      unused: true,
      reason: `Secret ${r.name} (${type}) is referenced by no pod spec, ServiceAccount or Ingress and owned by nothing`,
      evidence: {
        type,
        checked: [...POD_SPEC_KINDS.map((k) => `${k} pod specs`), 'ServiceAccounts', 'Ingress tls'],
        ownedBy: 'nothing',
      },
    };
  },
});
