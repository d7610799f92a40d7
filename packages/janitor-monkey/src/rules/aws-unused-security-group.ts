import { memo, resourcesOf } from '../estate.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-unused-security-group';

/** Security groups no network interface carries and no other group names. */
export const awsUnusedSecurityGroup = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['SecurityGroup'],
  title: 'Security group used by nothing',
  description:
    "A security group that no network interface carries (instances, load balancers, Lambda functions, ECS tasks, CodeBuild builds and NAT gateways all use one) and no other group's rules name, for longer than `after`. Default groups are never judged (AWS keeps them). Report-only by default: users of the peers lost CodeBuild and ECS networking to this rule, because services attach groups only while they run. With `reportOnly: false` and the ladder, the janitor first saves the group's rules into tags and revokes them (restore command printed), and deletes it after `ladderWait`.",
  reads: ['SecurityGroup', 'NetworkInterface'],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '30d', reportOnly: true, ladderWait: '7d' }),
  judge(r, ctx) {
    const g = r.views?.securityGroup;
    if (!g) return undefined;
    if (g.name === 'default') return { unused: false, reason: 'the default group of its VPC' };
    const used = memo(ctx.estate, 'security-group-use', () => {
      const by = new Map<string, string>();
      for (const n of resourcesOf(ctx.estate, 'NetworkInterface')) {
        const v = n.views?.networkInterface;
        for (const id of v?.securityGroups ?? []) {
          by.set(
            id,
            `network interface ${n.name}${v?.instanceId ? ` of ${v.instanceId}` : v?.interfaceType ? ` (${v.interfaceType})` : ''}`,
          );
        }
      }
      for (const other of resourcesOf(ctx.estate, 'SecurityGroup')) {
        for (const id of other.views?.securityGroup?.referencedGroups ?? []) {
          if (!by.has(id)) by.set(id, `the rules of security group ${other.name}`);
        }
      }
      return by;
    });
    const user = used.get(g.id);
    if (user) return { unused: false, reason: `used by ${user}` };
    return {
      unused: true,
      reason: `security group ${g.name ?? r.name} is on no network interface and named by no other group`,
      evidence: {
        checked: ['security groups of every network interface', "every other group's rules"],
        ingressRules: g.ingressRules,
        egressRules: g.egressRules,
        ...(g.vpcId ? { vpc: g.vpcId } : {}),
      },
    };
  },
});
