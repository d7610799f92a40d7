import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { awsEstate, type AwsEstate } from './aws-estate.js';
import type { SandboxAwsClientConfig } from './clients.js';
import { quiet, type ProgressLog } from './options.js';
import {
  ensureAddresses,
  ensureAutoScalingGroups,
  ensureImage,
  ensureInstances,
  ensureSecurityGroups,
  ensureSnapshots,
  ensureVolumes,
} from './seed-aws-ec2.js';
import { ensureBuckets } from './seed-aws-s3.js';
import type { SeedLedger } from './seed-aws-tags.js';

/** What seeding AWS did, as `<kind>/<seed id>` entries. */
export type AwsSeedResult = SeedLedger;

/**
 * Creates the AWS estate in moto, or finds what a previous seed created: by `simian:seed` tag,
 * or by name for the image, buckets, launch templates and groups.
 */
export async function seedAws(
  config: SandboxAwsClientConfig,
  log: ProgressLog = quiet,
  estate: AwsEstate = awsEstate,
): Promise<AwsSeedResult> {
  const ec2 = new EC2Client(config);
  const autoscaling = new AutoScalingClient(config);
  const s3 = new S3Client(config);
  const ledger: SeedLedger = { created: [], existing: [] };
  try {
    const imageId = await ensureImage(ec2, estate.image, ledger);
    const groupIds = await ensureSecurityGroups(ec2, estate, ledger);
    await ensureAutoScalingGroups(ec2, autoscaling, estate, imageId, ledger);
    const instanceIds = await ensureInstances(ec2, estate, imageId, groupIds, ledger);
    const volumeIds = await ensureVolumes(ec2, estate, ledger);
    await ensureSnapshots(ec2, estate, volumeIds, ledger);
    await ensureAddresses(ec2, estate, instanceIds, ledger);
    await ensureBuckets(s3, estate, ledger);
  } finally {
    ec2.destroy();
    autoscaling.destroy();
    s3.destroy();
  }
  log(`seed: aws: ${ledger.created.length} created, ${ledger.existing.length} already there`);
  return ledger;
}
