import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-empty-scaling-group';

/** Auto Scaling groups with no instances. */
export const awsEmptyScalingGroup = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['AutoScalingGroup'],
  title: 'Auto Scaling group with no instances',
  description:
    'An Auto Scaling group with no instances and a desired capacity of 0 for longer than `after` (since the janitor first saw it so: AWS keeps no such time).',
  reads: ['AutoScalingGroup'],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '30d' }),
  judge(r) {
    const g = r.views?.scalingGroup;
    if (!g) return undefined;
    if (g.members.length > 0 || (g.desired ?? 0) > 0) {
      return {
        unused: false,
        reason: `has ${g.members.length} instance(s), desired ${g.desired ?? 0}`,
      };
    }
    return {
      unused: true,
      reason: `Auto Scaling group ${g.name} has no instances and wants none`,
      evidence: { instances: 0, desired: g.desired ?? 0, min: g.min ?? 0, max: g.max ?? 0 },
    };
  },
});
