import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'aws-empty-bucket';

/** Empty S3 buckets. */
export const awsEmptyBucket = defineRule({
  id: ID,
  provider: 'aws',
  kinds: ['Bucket'],
  title: 'Empty S3 bucket',
  description:
    'An S3 bucket with no object, no object version and no delete marker, created longer ago than `after`. Its name is freed when it goes, and anyone may take it.',
  reads: ['Bucket'],
  clock: 'api',
  configSchema: ruleConfigSchema(ID, { after: '30d' }),
  judge(r) {
    const b = r.views?.bucket;
    if (!b) return undefined;
    if (!b.empty) return { unused: false, reason: 'holds objects' };
    return {
      unused: true,
      reason: `bucket ${b.name} is empty (no object, version or delete marker)`,
      ...(r.createdAt ? { since: new Date(r.createdAt), sinceWhat: 'created' } : {}),
      evidence: {
        objects: 0,
        versions: 0,
        deleteMarkers: 0,
        ...(b.versioning ? { versioning: b.versioning } : {}),
      },
    };
  },
});
