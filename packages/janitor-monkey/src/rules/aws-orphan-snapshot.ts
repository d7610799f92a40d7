import { memo, resourcesOf } from '../estate.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-orphan-snapshot';

/** AWS Backup tags every recovery point it makes so. */
const BACKUP_TAG = 'aws:backup:source-resource';
const BACKUP_DESCRIPTION = /^This snapshot is created by the AWS Backup service/;

/** Old snapshots that back no image and that AWS Backup does not manage. */
export const awsOrphanSnapshot = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['Snapshot'],
  title: 'Snapshot behind no AMI',
  description:
    "An EBS snapshot this account owns, started longer ago than `after`, that no AMI of the account uses (block device mappings of every image listed) and that AWS Backup does not manage (its `aws:backup:source-resource` tag or its description): AWS Backup's retention rules decide about those. The janitor's own backups of deleted volumes count like any other snapshot: `after` is their retention.",
  reads: ['Snapshot', 'Image'],
  clock: 'api',
  configSchema: ruleConfigSchema(ID, { after: '90d' }),
  judge(r, ctx) {
    const s = r.views?.snapshot;
    if (!s) return undefined;
    if (r.labels[BACKUP_TAG] !== undefined || BACKUP_DESCRIPTION.test(s.description ?? '')) {
      return { unused: false, reason: 'managed by AWS Backup' };
    }
    if (s.state !== 'completed')
      return { unused: false, reason: `in state ${s.state ?? 'unknown'}` };
    const images = memo(ctx.estate, 'images-by-snapshot', () => {
      const by = new Map<string, string>();
      for (const i of resourcesOf(ctx.estate, 'Image')) {
        for (const snap of i.views?.image?.snapshots ?? []) by.set(snap, i.name);
      }
      return by;
    });
    const image = images.get(s.id);
    if (image) return { unused: false, reason: `backs AMI ${image}` };
    return {
      unused: true,
      reason: `snapshot ${r.name} backs no AMI and AWS Backup does not manage it`,
      ...(s.startedAt ? { since: new Date(s.startedAt), sinceWhat: 'started' } : {}),
      evidence: {
        checked: [
          'block device mappings of every AMI of the account',
          'AWS Backup tag and description',
        ],
        ...(s.sizeGiB !== undefined ? { sizeGiB: s.sizeGiB } : {}),
        ...(s.volumeId ? { volume: s.volumeId } : {}),
        ...(s.description ? { description: s.description } : {}),
      },
    };
  },
});
