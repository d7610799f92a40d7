import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-stopped-instance';

/** Instances stopped for a long time, outside any Auto Scaling group. */
export const awsStoppedInstance = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['Instance'],
  title: 'Long-stopped instance',
  description:
    'An EC2 instance in state `stopped` for longer than `after`, since the time EC2 writes into its state transition reason (`User initiated (2026-10-01 12:00:00 GMT)`), or since the janitor first saw it stopped when EC2 gives none. Instances of an Auto Scaling group are left to the group. A stopped instance still costs its volumes; terminating it deletes the volumes marked DeleteOnTermination.',
  reads: ['Instance', 'Volume'],
  clock: 'api',
  configSchema: ruleConfigSchema(ID, { after: '30d' }),
  judge(r, ctx) {
    const i = r.views?.instance;
    if (!i) return undefined;
    if (i.state !== 'stopped') return undefined;
    if (i.autoScalingGroup)
      return { unused: false, reason: `Auto Scaling group ${i.autoScalingGroup} keeps it` };
    const volumes = (i.volumeIds ?? []).map((id) => {
      const v = ctx.estate.byKind.get('Volume')?.find((x) => x.name === id)?.views?.volume;
      return { id, ...(v?.sizeGiB !== undefined ? { sizeGiB: v.sizeGiB } : {}) };
    });
    return {
      unused: true,
      reason: `instance ${r.name} is stopped${i.stateSince ? ` since ${i.stateSince}` : ''}`,
      ...(i.stateSince ? { since: new Date(i.stateSince), sinceWhat: 'stopped' } : {}),
      evidence: {
        state: 'stopped',
        ...(i.stateSince ? { stoppedAt: i.stateSince } : {}),
        ...(i.instanceType ? { instanceType: i.instanceType } : {}),
        volumes,
      },
    };
  },
});
