// The janitor against the sandbox's moto server: every AWS rule finds its unused resource and
// keeps its used twin (an attached volume, an associated Elastic IP, a snapshot behind an AMI, an
// AMI an instance runs, a security group in use, a group with instances, a bucket with objects);
// the lifecycle runs for real with a short grace, and a volume is snapshotted before it is deleted
// and can be made again from that snapshot. moto is shared by every test file: the janitor may act
// only on what carries this file's own opt-in tag.
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachVolumeCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  RegisterImageCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Store, type Finding, type RunResult } from '@simian/core';
import { sandboxAwsClientConfig } from '@simian/sandbox';
import { ALWAYS, uniqueName, useSandboxAwsCredentials } from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JANITOR_MARKS, SOURCE_VOLUME_TAG } from '../src/index.js';
import { config, janitorOf, runJanitor, sleepUntil, webhookReceiver } from './support.js';

const endpoint = inject('sandboxAwsEndpoint');
const client = sandboxAwsClientConfig({ awsEndpoint: endpoint });
useSandboxAwsCredentials(client);
const ec2 = new EC2Client(client);
const autoscaling = new AutoScalingClient(client);
const s3 = new S3Client({ ...client, forcePathStyle: true });
const prefix = uniqueName('janitor-aws');
const OPT_IN = `janitor-test.simian.dev/${prefix}`;
const tags: Record<string, string> = { [OPT_IN]: 'true', owner: `team-${prefix}` };
const tagList = (extra: Record<string, string> = {}): Tag[] =>
  Object.entries({ ...tags, ...extra }).map(([Key, Value]) => ({ Key, Value }));
const spec = (ResourceType: string, name: string) => [
  { ResourceType: ResourceType as never, Tags: tagList({ Name: `${prefix}-${name}` }) },
];
const store = new Store(':memory:');
let hook: Awaited<ReturnType<typeof webhookReceiver>>;
const ids: Record<string, string> = {};

const simianYaml = (url: string) => `version: 1
safety:
  blastRadius: { maxActionsPerRun: 100 }
reporting:
  webhooks: [{ url: ${JSON.stringify(url)} }]
targets:
  aws:
    - region: us-east-1
      endpoint: ${endpoint}
monkeys:
  janitor:
    enabled: true
    dryRun: false
    schedule: { windows: ${ALWAYS}, minTimeBetweenActions: 0s }
    safety: { optInLabel: ${JSON.stringify(OPT_IN)} }
    gracePeriod: 3s
    keptInPlan: 1000
    rules:
      aws-unattached-volume: { after: 0s }
      aws-orphan-snapshot: { after: 0s }
      aws-unused-image: { after: 0s, keepNewest: 0 }
      aws-unassociated-address: { after: 0s }
      aws-unused-security-group: { after: 0s }
      aws-stopped-instance: { after: 0s, ladderWait: 0s }
      aws-empty-scaling-group: { after: 0s }
      aws-empty-bucket: { after: 0s }
`;

/** This file's findings: `rule name`, by the Name tag (or bucket/group name). */
const ours = (r: RunResult): Finding[] =>
  janitorOf(r).gated.findings.filter((f) => Object.values(ids).includes(f.resource.name));
const named = (findings: Finding[]) =>
  findings.map((f) => `${f.ruleId} ${nameOf(f.resource.name)}`).sort();
const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

beforeAll(async () => {
  hook = await webhookReceiver();
  const volume = async (name: string) =>
    (
      await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: 'us-east-1a',
          Size: 8,
          VolumeType: 'gp3',
          TagSpecifications: spec('volume', name),
        }),
      )
    ).VolumeId!;
  ids['unused-volume'] = await volume('unused-volume');
  ids['used-volume'] = await volume('used-volume');
  const snapshot = async (name: string) =>
    (
      await ec2.send(
        new CreateSnapshotCommand({
          VolumeId: ids['used-volume'],
          TagSpecifications: spec('snapshot', name),
        }),
      )
    ).SnapshotId!;
  ids['orphan-snapshot'] = await snapshot('orphan-snapshot');
  const image = async (name: string) =>
    (
      await ec2.send(
        new RegisterImageCommand({
          Name: `${prefix}-${name}`,
          Architecture: 'x86_64',
          RootDeviceName: '/dev/xvda',
          VirtualizationType: 'hvm',
          TagSpecifications: spec('image', name),
        }),
      )
    ).ImageId!;
  ids['used-image'] = await image('used-image');
  ids['unused-image'] = await image('unused-image');
  // moto leaves out the tags RegisterImage is given: they are set afterwards.
  await ec2.send(
    new CreateTagsCommand({ Resources: [ids['used-image'], ids['unused-image']], Tags: tagList() }),
  );
  // moto registers an image with a snapshot of its own making: that is the one behind the AMI.
  const registered = await ec2.send(new DescribeImagesCommand({ ImageIds: [ids['used-image']] }));
  ids['backing-snapshot'] = registered.Images![0]!.BlockDeviceMappings![0]!.Ebs!.SnapshotId!;
  const group = async (name: string) =>
    (
      await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: `${prefix}-${name}`,
          Description: `janitor test ${name}`,
          TagSpecifications: spec('security-group', name),
        }),
      )
    ).GroupId!;
  ids['unused-group'] = await group('unused-group');
  ids['used-group'] = await group('used-group');
  const run = async (name: string) =>
    (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: ids['used-image'],
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          SecurityGroupIds: [ids['used-group']!],
          TagSpecifications: spec('instance', name),
        }),
      )
    ).Instances![0]!.InstanceId!;
  ids['web'] = await run('web');
  ids['stopped'] = await run('stopped');
  await ec2.send(new StopInstancesCommand({ InstanceIds: [ids['stopped']] }));
  await ec2.send(
    new AttachVolumeCommand({
      VolumeId: ids['used-volume'],
      InstanceId: ids['web'],
      Device: '/dev/sdf',
    }),
  );
  const address = async (name: string) =>
    (
      await ec2.send(
        new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: spec('elastic-ip', name) }),
      )
    ).AllocationId!;
  ids['free-ip'] = await address('free-ip');
  ids['used-ip'] = await address('used-ip');
  await ec2.send(
    new AssociateAddressCommand({ AllocationId: ids['used-ip'], InstanceId: ids['web'] }),
  );
  // An Auto Scaling group with nothing in it.
  ids['empty-group'] = `${prefix}-empty-group`;
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `${prefix}-template`,
      LaunchTemplateData: { ImageId: ids['used-image'], InstanceType: 't3.micro' },
    }),
  );
  await autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: ids['empty-group'],
      LaunchTemplate: { LaunchTemplateName: `${prefix}-template`, Version: '$Latest' },
      MinSize: 0,
      MaxSize: 2,
      DesiredCapacity: 0,
      AvailabilityZones: ['us-east-1a'],
      Tags: Object.entries(tags).map(([Key, Value]) => ({
        Key,
        Value,
        PropagateAtLaunch: false,
        ResourceId: ids['empty-group'],
        ResourceType: 'auto-scaling-group',
      })),
    }),
  );
  for (const name of ['empty-bucket', 'full-bucket']) {
    ids[name] = `${prefix}-${name}`;
    await s3.send(new CreateBucketCommand({ Bucket: ids[name] }));
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: ids[name],
        Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );
  }
  await s3.send(new PutObjectCommand({ Bucket: ids['full-bucket'], Key: 'a.txt', Body: 'a' }));
});

afterAll(async () => {
  await hook?.close();
  store.close();
  ec2.destroy();
  autoscaling.destroy();
  s3.destroy();
});

async function gone(check: () => Promise<unknown>): Promise<boolean> {
  try {
    const answer = (await check()) as Record<string, unknown[] | undefined>;
    const list = Object.values(answer).find(Array.isArray);
    return list ? list.length === 0 : false;
  } catch {
    return true;
  }
}

describe('the janitor on AWS (moto)', () => {
  it('finds every unused resource, keeps its used twin, and removes with the ladder after grace', async () => {
    const c = config(simianYaml(hook.url));
    const first = await runJanitor(c, store);
    expect(janitorOf(first).error).toBeUndefined();
    // What the API dates is found at once, and what a report-only rule finds; the rest is first
    // seen now and found on the next run.
    expect(named(ours(first))).toEqual([
      'aws-empty-bucket empty-bucket',
      'aws-orphan-snapshot orphan-snapshot',
      'aws-stopped-instance stopped',
      'aws-unused-image unused-image',
      'aws-unused-security-group unused-group',
    ]);
    const second = await runJanitor(c, store);
    expect(named(ours(second))).toEqual([
      'aws-empty-bucket empty-bucket',
      'aws-empty-scaling-group empty-group',
      'aws-orphan-snapshot orphan-snapshot',
      'aws-stopped-instance stopped',
      'aws-unassociated-address free-ip',
      'aws-unattached-volume unused-volume',
      'aws-unused-image unused-image',
      'aws-unused-security-group unused-group',
    ]);
    const volumeFinding = ours(second).find((f) => f.ruleId === 'aws-unattached-volume')!;
    expect(volumeFinding.evidence).toMatchObject({
      sizeGiB: 8,
      type: 'gp3',
      monthlyCost: { monthly: 0.64, currency: 'USD' },
      sinceFrom: JANITOR_MARKS.firstSeen,
    });
    expect(
      ours(second).find((f) => f.ruleId === 'aws-unassociated-address')!.evidence,
    ).toMatchObject({
      monthlyCost: { monthly: 3.65 },
    });
    const notes = (janitorOf(second).gated.notes ?? []).join('\n');
    expect(notes).toContain(`Volume ${ids['used-volume']}: attached to ${ids['web']}`);
    expect(notes).toContain(`Address ${ids['used-ip']}: associated with ${ids['web']}`);
    expect(notes).toContain(`Snapshot ${ids['backing-snapshot']}: backs AMI ${ids['used-image']}`);
    expect(notes).toContain(`Image ${ids['used-image']}: used by `);
    expect(notes).toContain(`SecurityGroup ${ids['used-group']}: used by network interface`);
    expect(notes).toContain(`Bucket ${ids['full-bucket']}: holds objects`);
    // The security group rule only reports, by default.
    expect(
      janitorOf(second).gated.allowed.filter((a) => a.resource.name === ids['unused-group']),
    ).toEqual([]);

    const volumes = await ec2.send(
      new DescribeVolumesCommand({ VolumeIds: [ids['unused-volume']!] }),
    );
    const tagsOf = (t: Tag[] | undefined) =>
      Object.fromEntries((t ?? []).map((x) => [x.Key, x.Value]));
    const deadline = new Date(tagsOf(volumes.Volumes![0]!.Tags)[JANITOR_MARKS.deleteAfter]!);
    await sleepUntil(deadline);
    const third = await runJanitor(c, store);
    const did = [second, third]
      .flatMap((r) => janitorOf(r).outcomes)
      .filter((o) => Object.values(ids).includes(o.action.resource.name))
      .map((o) => `${o.action.verb} ${nameOf(o.action.resource.name)} ${o.status}`);
    for (const d of [
      'create-snapshot unused-volume succeeded',
      'delete unused-volume succeeded',
      'delete orphan-snapshot succeeded',
      'deregister unused-image succeeded',
      'release free-ip succeeded',
      'terminate stopped succeeded',
      'delete empty-group succeeded',
      'delete empty-bucket succeeded',
    ]) {
      expect(did, JSON.stringify(did)).toContain(d);
    }
    const acted = did.map((d) => d.split(' ')[1]);
    for (const kept of [
      'used-volume',
      'backing-snapshot',
      'used-image',
      'used-ip',
      'used-group',
      'unused-group',
      'web',
      'full-bucket',
    ]) {
      expect(
        acted.filter((n) => n === kept),
        kept,
      ).toEqual([]);
    }
    expect(
      await gone(() =>
        ec2.send(new DescribeVolumesCommand({ VolumeIds: [ids['unused-volume']!] })),
      ),
    ).toBe(true);
    expect(
      await gone(() =>
        ec2.send(new DescribeAddressesCommand({ AllocationIds: [ids['free-ip']!] })),
      ),
    ).toBe(true);
    expect(
      await gone(() =>
        s3.send(new HeadBucketCommand({ Bucket: ids['empty-bucket'] })).then(() => ({ x: [1] })),
      ),
    ).toBe(true);
    const asg = await autoscaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [ids['empty-group']!] }),
    );
    expect(asg.AutoScalingGroups ?? []).toEqual([]);
    const images = await ec2.send(new DescribeImagesCommand({ ImageIds: [ids['used-image']!] }));
    expect(images.Images?.[0]?.State).toBe('available');
    const stopped = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [ids['stopped']!] }),
    );
    expect(stopped.Reservations?.[0]?.Instances?.[0]?.State?.Name).toMatch(
      /shutting-down|terminated/,
    );

    // The volume's snapshot, tagged with where it came from, makes the volume again.
    const backup = await ec2.send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: `tag:${SOURCE_VOLUME_TAG}`, Values: [ids['unused-volume']!] }],
      }),
    );
    expect(backup.Snapshots).toHaveLength(1);
    const snap = backup.Snapshots![0]!;
    expect(tagsOf(snap.Tags)).toMatchObject({
      [SOURCE_VOLUME_TAG]: ids['unused-volume'],
      'janitor.simian.dev/source-az': 'us-east-1a',
      'janitor.simian.dev/source-type': 'gp3',
      owner: `team-${prefix}`,
    });
    const restored = await ec2.send(
      new CreateVolumeCommand({
        SnapshotId: snap.SnapshotId,
        AvailabilityZone: 'us-east-1a',
        VolumeType: 'gp3',
      }),
    );
    expect(restored.Size).toBe(8);
    expect(restored.SnapshotId).toBe(snap.SnapshotId);
    const deleteStep = janitorOf(third).outcomes.find(
      (o) => o.action.verb === 'delete' && o.action.resource.name === ids['unused-volume'],
    )!;
    expect(deleteStep.action.reason).toContain(`restore: aws ec2 create-volume --snapshot-id`);
    expect(deleteStep.output).toMatchObject({ deleted: true, snapshotId: snap.SnapshotId });

    // The owner was told of the marks and the removals, through the webhook.
    const told = hook.events.filter((e) => Object.values(ids).some((id) => e.subject.includes(id)));
    expect(told.filter((e) => e.type === 'marked').length).toBeGreaterThanOrEqual(7);
    const removed = told.find(
      (e) => e.type === 'removed' && e.subject.includes(ids['unused-volume']!),
    )!;
    expect(removed.owners).toEqual([`team-${prefix}`]);
    expect(removed.text).toContain('create-snapshot: succeeded');
    expect(removed.text).toContain('restore: aws ec2 create-volume');
  });
});
