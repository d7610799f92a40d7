import { POD_SPEC_KINDS, keyOf, referencesOf } from './k8s-references.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-unused-configmap';

/** Made in every namespace by the root CA publisher; every service account token mounts it. */
const ROOT_CA = 'kube-root-ca.crt';
/** Leader election in a ConfigMap (older controllers). */
const LEADER = 'control-plane.alpha.kubernetes.io/leader';

/** ConfigMaps that no pod, template or owner needs. */
export const k8sUnusedConfigMap = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['ConfigMap'],
  title: 'Unreferenced ConfigMap',
  description:
    'A ConfigMap that no pod spec references (volumes, projected volumes, envFrom and valueFrom of any container, in the Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs of its namespace) and that nothing owns, for longer than `after`. kube-root-ca.crt and leader-election ConfigMaps are never judged.',
  reads: ['ConfigMap', ...POD_SPEC_KINDS],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '7d' }),
  judge(r, ctx) {
    if (r.name === ROOT_CA || r.annotations?.[LEADER] !== undefined) return undefined;
    const owner = r.views?.owners?.[0];
    if (owner) return { unused: false, reason: `owned by ${owner.kind} ${owner.name}` };
    const by = referencesOf(ctx.estate).configMaps.get(keyOf(r));
    if (by) return { unused: false, reason: `referenced by ${by.join(', ')}` };
    return {
      unused: true,
      reason: `ConfigMap ${r.name} is referenced by no pod spec and owned by nothing`,
      evidence: { checked: POD_SPEC_KINDS.map((k) => `${k} pod specs`), ownedBy: 'nothing' },
    };
  },
});
