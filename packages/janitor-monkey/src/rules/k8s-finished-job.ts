import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-finished-job';

/** Finished Jobs (succeeded or failed) that nothing else cleans up. */
export const k8sFinishedJob = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['Job'],
  title: 'Finished Job',
  description:
    'A Job that finished (its Complete or Failed condition is true) longer ago than `after`. Jobs of a CronJob are left to the CronJob, which keeps its own history (successfulJobsHistoryLimit, failedJobsHistoryLimit); Jobs with ttlSecondsAfterFinished are left to Kubernetes, which deletes them itself; Jobs another controller owns are left to it.',
  reads: ['Job'],
  clock: 'api',
  configSchema: ruleConfigSchema(ID, { after: '7d' }),
  judge(r) {
    const job = r.views?.job;
    if (!job?.finished) return undefined;
    if (r.controller?.kind === 'CronJob') {
      return { unused: false, reason: `its CronJob ${r.controller.name} keeps its own history` };
    }
    if (r.controller) {
      return { unused: false, reason: `${r.controller.kind} ${r.controller.name} owns it` };
    }
    if (job.ttlSecondsAfterFinished !== undefined) {
      return {
        unused: false,
        reason: `Kubernetes deletes it ${job.ttlSecondsAfterFinished}s after it finished (ttlSecondsAfterFinished)`,
      };
    }
    const since = job.finishedAt ? new Date(job.finishedAt) : undefined;
    return {
      unused: true,
      reason: `Job ${r.name} ${job.finished === 'Complete' ? 'succeeded' : 'failed'}${job.finishedAt ? ` at ${job.finishedAt}` : ''} and no controller cleans it up`,
      ...(since ? { since, sinceWhat: 'finished' } : {}),
      evidence: {
        condition: job.finished,
        ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
        ownedBy: 'nothing',
      },
    };
  },
});
