import { POD_SPEC_KINDS, keyOf, referencesOf } from './k8s-references.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-unused-pvc';

/** PersistentVolumeClaims no pod mounts and no workload would. */
export const k8sUnusedClaim = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['PersistentVolumeClaim'],
  title: 'Unmounted PersistentVolumeClaim',
  description:
    "A PersistentVolumeClaim that no Pod mounts, no workload, Job or CronJob template names, and whose name does not follow a StatefulSet's volume claim template (`<template>-<statefulset>-<n>`), for longer than `after` (kube-janitor's pvc_is_not_mounted and pvc_is_not_referenced). Deleting it releases its volume: with reclaim policy Delete the storage goes too, which the evidence says.",
  reads: ['PersistentVolumeClaim', 'PersistentVolume', ...POD_SPEC_KINDS],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '7d' }),
  judge(r, ctx) {
    const refs = referencesOf(ctx.estate);
    const key = keyOf(r);
    const mounted = refs.mountedClaims.get(key);
    if (mounted) return { unused: false, reason: `mounted by ${mounted.join(', ')}` };
    const named = refs.templateClaims.get(key);
    if (named) return { unused: false, reason: `named by ${named.join(', ')}` };
    for (const [prefix, who] of refs.claimPrefixes) {
      if (key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))) {
        return { unused: false, reason: `a volume claim of ${who}` };
      }
    }
    const claim = r.views?.volumeClaim;
    const volume = claim?.volumeName
      ? ctx.estate.byKind.get('PersistentVolume')?.find((v) => v.name === claim.volumeName)
      : undefined;
    const policy = volume?.views?.persistentVolume?.reclaimPolicy;
    return {
      unused: true,
      reason: `PersistentVolumeClaim ${r.name} is mounted by no pod and named by no template`,
      evidence: {
        checked: [
          'Pods (mounted)',
          ...POD_SPEC_KINDS.slice(1).map((k) => `${k} templates`),
          'StatefulSet volume claim templates',
        ],
        ...(claim?.phase ? { phase: claim.phase } : {}),
        ...(claim?.volumeName ? { volume: claim.volumeName } : {}),
        ...(policy
          ? {
              reclaimPolicy: policy,
              onDelete:
                policy === 'Delete'
                  ? 'its volume and the storage behind it are deleted too'
                  : 'its volume is kept (Released), with the data',
            }
          : {}),
      },
    };
  },
});
