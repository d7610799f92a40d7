import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-unattached-volume';

/** EBS volumes attached to nothing. */
export const awsUnattachedVolume = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['Volume'],
  title: 'Unattached EBS volume',
  description:
    'An EBS volume in state `available` (attached to no instance) for longer than `after`. AWS does not say since when a volume is detached, so the janitor records when it first saw it unattached, on the volume (tag `janitor.simian.dev/unused-since`), as Janitor Monkey did with its own history; the time counts from there. Before deleting, the janitor snapshots it (ladder) and prints how to restore it.',
  reads: ['Volume'],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '30d', ladder: true, ladderWait: '0s' }),
  judge(r) {
    const v = r.views?.volume;
    if (!v) return undefined;
    if (v.attachments.length > 0 || v.state !== 'available') {
      const to = v.attachments.map((a) => a.instanceId).join(', ');
      return {
        unused: false,
        reason: to ? `attached to ${to}` : `in state ${v.state ?? 'unknown'}`,
      };
    }
    return {
      unused: true,
      reason:
        `volume ${r.name} (${v.sizeGiB ?? '?'} GiB ${v.type ?? ''}) is attached to nothing`.replace(
          ' )',
          ')',
        ),
      evidence: {
        state: v.state,
        attachments: 0,
        ...(v.sizeGiB !== undefined ? { sizeGiB: v.sizeGiB } : {}),
        ...(v.type ? { type: v.type } : {}),
        ...(v.availabilityZone ? { availabilityZone: v.availabilityZone } : {}),
      },
    };
  },
});
