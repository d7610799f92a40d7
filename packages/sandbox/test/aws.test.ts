import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeAddressesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetMoto, sandboxAwsClientConfig, sandboxSeed } from '@simian/sandbox';

const config = sandboxAwsClientConfig({ awsEndpoint: inject('sandboxAwsEndpoint') });
const ec2 = new EC2Client(config);
const s3 = new S3Client(config);
const autoscaling = new AutoScalingClient(config);
const tag = (tags: { Key?: string; Value?: string }[] | undefined, key: string) =>
  tags?.find((t) => t.Key === key)?.Value;

describe('the AWS seed in moto', () => {
  beforeAll(async () => {
    // Each file that uses moto starts from a known estate.
    await resetMoto({ awsEndpoint: inject('sandboxAwsEndpoint') });
    await sandboxSeed({ cwd: inject('sandboxCwd'), kubernetes: false });
  });
  afterAll(() => {
    ec2.destroy();
    s3.destroy();
    autoscaling.destroy();
  });

  it('lists the unattached volumes, of several ages', async () => {
    const { Volumes = [] } = await ec2.send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'status', Values: ['available'] }] }),
    );
    const seeded = Volumes.map((v) => tag(v.Tags, 'simian:seed')).sort();
    expect(seeded).toEqual(['build-cache-old', 'pre-migration-data', 'scratch-recent']);
    const ageDays = Volumes.map(
      (v) => (Date.now() - Date.parse(tag(v.Tags, 'simian:created-at')!)) / 86_400_000,
    );
    expect(ageDays.map(Math.round).sort((a, b) => a - b)).toEqual([2, 45, 400]);
  });

  it('lists the buckets, public, unencrypted, empty and versioned', async () => {
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets.map((b) => b.Name).sort()).toEqual([
      'simian-sandbox-app-logs',
      'simian-sandbox-empty-scratch',
      'simian-sandbox-ledger-backups',
      'simian-sandbox-public-assets',
    ]);
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: 'simian-sandbox-public-assets' }));
    expect(
      acl.Grants?.some(
        (g) => g.Grantee?.URI?.endsWith('/global/AllUsers') && g.Permission === 'READ',
      ),
    ).toBe(true);
    const encryption = await s3
      .send(new GetBucketEncryptionCommand({ Bucket: 'simian-sandbox-app-logs' }))
      .catch((e: Error) => e);
    expect((encryption as Error).name).toBe('ServerSideEncryptionConfigurationNotFoundError');
    const empty = await s3.send(
      new ListObjectsV2Command({ Bucket: 'simian-sandbox-empty-scratch' }),
    );
    expect(empty.KeyCount).toBe(0);
    const versioning = await s3.send(
      new GetBucketVersioningCommand({ Bucket: 'simian-sandbox-ledger-backups' }),
    );
    expect(versioning.Status).toBe('Enabled');
  });

  it('has instances inside and outside an Auto Scaling group, with owner tags', async () => {
    const { AutoScalingGroups = [] } = await autoscaling.send(
      new DescribeAutoScalingGroupsCommand({}),
    );
    const group = AutoScalingGroups.find((g) => g.AutoScalingGroupName === 'storefront-web');
    expect(group).toMatchObject({ MinSize: 2, MaxSize: 6, DesiredCapacity: 3 });
    expect(group!.Instances).toHaveLength(3);
    const snapshots = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    expect(
      snapshots
        .Snapshots!.map((s) => tag(s.Tags, 'simian:seed'))
        .filter(Boolean)
        .sort(),
    ).toEqual(['build-cache-weekly', 'pre-migration-backup']);
  });

  it('has unassociated Elastic IPs and a security group open to the world on port 22', async () => {
    const { Addresses = [] } = await ec2.send(new DescribeAddressesCommand({}));
    expect(Addresses.filter((a) => !a.AssociationId)).toHaveLength(2);
    const { SecurityGroups = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['ssh-from-anywhere'] }],
      }),
    );
    const rule = SecurityGroups[0]?.IpPermissions?.find((p) => p.FromPort === 22);
    expect(rule?.IpRanges?.map((r) => r.CidrIp)).toContain('0.0.0.0/0');
  });

  it('seeds again without creating anything twice', async () => {
    const again = await sandboxSeed({ cwd: inject('sandboxCwd'), kubernetes: false });
    expect(again.aws?.created).toEqual([]);
    expect(again.aws?.existing).toHaveLength(19);
  });
});
