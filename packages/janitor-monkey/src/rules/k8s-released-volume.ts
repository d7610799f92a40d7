import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-released-pv';

/** PersistentVolumes whose claim is gone. */
export const k8sReleasedVolume = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['PersistentVolume'],
  title: 'Released PersistentVolume',
  description:
    'A PersistentVolume in phase Released (its claim was deleted and its reclaim policy kept it) for longer than `after`: since the API server says (lastPhaseTransitionTime, Kubernetes 1.29 and later), else since the janitor first saw it Released. No claim can bind it again without a person clearing its claimRef. Deleting the PersistentVolume object does not delete the storage behind it (a cloud disk), which the evidence names.',
  reads: ['PersistentVolume'],
  clock: 'api',
  configSchema: ruleConfigSchema(ID, { after: '7d' }),
  judge(r) {
    const pv = r.views?.persistentVolume;
    if (pv?.phase !== 'Released') return undefined;
    return {
      unused: true,
      reason: `PersistentVolume ${r.name} is Released${pv.claim ? `: its claim ${pv.claim.namespace}/${pv.claim.name} is gone` : ''}`,
      ...(pv.phaseSince ? { since: new Date(pv.phaseSince), sinceWhat: 'released' } : {}),
      evidence: {
        phase: 'Released',
        ...(pv.phaseSince ? { releasedAt: pv.phaseSince } : {}),
        ...(pv.claim ? { formerClaim: `${pv.claim.namespace}/${pv.claim.name}` } : {}),
        ...(pv.reclaimPolicy ? { reclaimPolicy: pv.reclaimPolicy } : {}),
        ...(pv.source
          ? { storage: pv.source, onDelete: 'the storage behind it is not deleted' }
          : {}),
      },
    };
  },
});
