import { z } from 'zod';
import { memo, resourcesOf } from '../estate.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-unused-image';

/** A name's prefix: without the trailing version, date or build number (`web-2026-11-01` is `web`). */
export function namePrefix(name: string): string {
  return name.replace(/[-_.:v0-9]*\d[-_.:v0-9]*$/, '') || name;
}

/** Old AMIs no instance or launch template uses, past the newest few of their name. */
export const awsUnusedImage = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['Image'],
  title: 'AMI used by nothing',
  description:
    'An AMI this account owns, created longer ago than `after`, that no instance (running or stopped) was launched from and no launch template names (default and latest versions), and that is not among the `keepNewest` newest AMIs of its name prefix (the name without its trailing version or date: `web-2026-11-01` is `web`). Public AMIs are never judged. Where an Auto Scaling group launches from a launch configuration, whose image Simian does not list, no AMI of the region is judged (fail closed). Deregistering keeps the AMI’s snapshots; the snapshot rule finds them next.',
  reads: ['Image', 'Instance', 'LaunchTemplate', 'AutoScalingGroup'],
  clock: 'api',
  configSchema: ruleConfigSchema(
    ID,
    { after: '90d' },
    {
      /** @default 3 */
      keepNewest: z
        .int()
        .min(0)
        .default(3)
        .describe('Keep this many of the newest AMIs of each name prefix, used or not.'),
    },
  ),
  judge(r, ctx) {
    const image = r.views?.image;
    if (!image) return undefined;
    if (image.public) return { unused: false, reason: 'public: others may launch it' };
    const legacy = resourcesOf(ctx.estate, 'AutoScalingGroup').find(
      (g) => g.views?.scalingGroup?.launchConfiguration,
    );
    if (legacy) {
      return {
        unused: false,
        reason: `Auto Scaling group ${legacy.name} launches from launch configuration ${legacy.views!.scalingGroup!.launchConfiguration!}, whose image is not known`,
      };
    }
    const users = memo(ctx.estate, 'image-users', () => {
      const by = new Map<string, string>();
      for (const i of resourcesOf(ctx.estate, 'Instance')) {
        const id = i.views?.instance?.imageId;
        if (id) by.set(id, `instance ${i.name}`);
      }
      for (const t of resourcesOf(ctx.estate, 'LaunchTemplate')) {
        for (const id of t.views?.launchSpec?.imageIds ?? [])
          by.set(id, `launch template ${t.name}`);
      }
      return by;
    });
    const user = users.get(image.id);
    if (user) return { unused: false, reason: `used by ${user}` };
    const prefix = namePrefix(image.name ?? image.id);
    const newest = memo(ctx.estate, 'newest-images', () => {
      const groups = new Map<string, Array<{ id: string; at: number }>>();
      for (const i of resourcesOf(ctx.estate, 'Image')) {
        const v = i.views?.image;
        if (!v) continue;
        const key = namePrefix(v.name ?? v.id);
        const list = groups.get(key) ?? [];
        list.push({ id: v.id, at: Date.parse(v.createdAt ?? '') || 0 });
        groups.set(key, list);
      }
      for (const list of groups.values()) list.sort((a, b) => b.at - a.at);
      return groups;
    });
    const rank = (newest.get(prefix) ?? []).findIndex((x) => x.id === image.id);
    if (rank >= 0 && rank < ctx.config.keepNewest) {
      return {
        unused: false,
        reason: `one of the ${ctx.config.keepNewest} newest AMIs named ${prefix}* (number ${rank + 1})`,
      };
    }
    return {
      unused: true,
      reason: `AMI ${r.name} (${image.name ?? 'unnamed'}) is used by no instance or launch template`,
      ...(image.createdAt ? { since: new Date(image.createdAt), sinceWhat: 'created' } : {}),
      evidence: {
        checked: ['instances (every state)', 'launch templates (default and latest versions)'],
        namePrefix: prefix,
        newerOfItsName: rank,
        snapshots: image.snapshots,
      },
    };
  },
});
