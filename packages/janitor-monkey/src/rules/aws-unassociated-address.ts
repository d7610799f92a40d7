import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-unassociated-address';

/** Elastic IPs associated with nothing: they cost money every hour. */
export const awsUnassociatedAddress = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['Address'],
  title: 'Unassociated Elastic IP',
  description:
    'An Elastic IP associated with no instance or network interface for longer than `after` (since the janitor first saw it so: AWS keeps no such time). Every public IPv4 address costs money by the hour. Releasing it can sometimes be undone (`aws ec2 allocate-address --address <ip>`), if no one else has taken the address.',
  reads: ['Address'],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '3d' }),
  judge(r) {
    const a = r.views?.elasticIp;
    if (!a) return undefined;
    if (a.associationId || a.instanceId || a.networkInterfaceId) {
      return {
        unused: false,
        reason: `associated with ${a.instanceId ?? a.networkInterfaceId ?? a.associationId}`,
      };
    }
    return {
      unused: true,
      reason: `Elastic IP ${a.publicIp ?? r.name} is associated with nothing`,
      evidence: { ...(a.publicIp ? { publicIp: a.publicIp } : {}), association: 'none' },
    };
  },
});
