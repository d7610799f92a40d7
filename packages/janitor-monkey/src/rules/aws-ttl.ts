import { judgeExpiry } from './expiry.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-ttl';

/** Every AWS kind the janitor can remove. */
export const AWS_REMOVABLE_KINDS = [
  'Instance',
  'Volume',
  'Snapshot',
  'Image',
  'Address',
  'SecurityGroup',
  'AutoScalingGroup',
  'Bucket',
];

/** `janitor/ttl` and `janitor/expires` as AWS tags. */
export const awsTtl = defineRule({
  id: ID,
  provider: 'aws',
  kinds: AWS_REMOVABLE_KINDS,
  title: 'janitor/ttl and janitor/expires tags',
  description:
    'An AWS resource whose `janitor/ttl` or `janitor/expires` tag has come, with the same values and meaning as kube-janitor’s annotations. A TTL counts from the resource’s creation time; Elastic IPs and security groups have none, so it counts from when the janitor first saw the tag. Removal takes the kind’s ladder (a running instance is stopped first, a volume snapshotted).',
  reads: AWS_REMOVABLE_KINDS,
  clock: 'api',
  configSchema: ruleConfigSchema(ID, { after: '0s' }),
  judge(r, ctx) {
    const start = r.createdAt ? new Date(r.createdAt) : ctx.firstSeen;
    return judgeExpiry(r, start ? { start } : {});
  },
});
