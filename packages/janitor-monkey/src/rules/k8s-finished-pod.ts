import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-finished-pod';

/** Completed or failed bare Pods: no controller will ever delete them. */
export const k8sFinishedPod = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['Pod'],
  title: 'Finished bare Pod',
  description:
    'A Pod in phase Succeeded or Failed that no controller owns (a bare pod: `kubectl run`, a debug pod), finished longer ago than `after` (when its last container ended; its start or creation when the API does not say). Pods of Jobs, ReplicaSets and other controllers are left to them.',
  reads: ['Pod'],
  clock: 'api',
  configSchema: ruleConfigSchema(ID, { after: '1d' }),
  judge(r) {
    const pod = r.views?.pod;
    if (pod?.phase !== 'Succeeded' && pod?.phase !== 'Failed') return undefined;
    if (r.controller)
      return { unused: false, reason: `${r.controller.kind} ${r.controller.name} owns it` };
    const when = pod.finishedAt ?? pod.startTime ?? r.createdAt;
    const what = pod.finishedAt ? 'finished' : pod.startTime ? 'started' : 'created';
    return {
      unused: true,
      reason: `bare Pod ${r.name} is ${pod.phase} and no controller owns it`,
      ...(when ? { since: new Date(when), sinceWhat: what } : {}),
      evidence: { phase: pod.phase, [`${what}At`]: when, ownedBy: 'nothing' },
    };
  },
});
