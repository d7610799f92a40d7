import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  RegisterImageCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import type { AwsEstate } from './aws-estate.js';
import { bySeedId, note, seedTags, tagSpec, type SeedLedger } from './seed-aws-tags.js';

/** Seed id to AWS id. */
type Ids = Map<string, string>;

/** The AMI every seeded instance runs (moto starts without default AMIs; see components.ts). */
export async function ensureImage(
  ec2: EC2Client,
  image: AwsEstate['image'],
  ledger: SeedLedger,
): Promise<string> {
  const found = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: [image.name] }],
    }),
  );
  const existing = found.Images?.[0]?.ImageId;
  note(ledger, !existing, `image/${image.name}`);
  if (existing) return existing;
  const made = await ec2.send(
    new RegisterImageCommand({
      Name: image.name,
      Description: image.description,
      Architecture: 'x86_64',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
    }),
  );
  return made.ImageId!;
}

/** Security groups in the default VPC, with their ingress rules. */
export async function ensureSecurityGroups(
  ec2: EC2Client,
  estate: AwsEstate,
  ledger: SeedLedger,
): Promise<Ids> {
  const vpcs = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  const ids: Ids = new Map();
  for (const group of estate.securityGroups) {
    const found = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: bySeedId(group.id) }),
    );
    let groupId = found.SecurityGroups?.[0]?.GroupId;
    note(ledger, !groupId, `security-group/${group.id}`);
    if (!groupId) {
      const made = await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: group.name,
          Description: group.description,
          VpcId: vpcs.Vpcs?.[0]?.VpcId,
          TagSpecifications: tagSpec('security-group', seedTags(group.id, group.tags)),
        }),
      );
      groupId = made.GroupId!;
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: group.ingress.map((rule) => ({
            IpProtocol: rule.protocol,
            FromPort: rule.port,
            ToPort: rule.port,
            IpRanges: [{ CidrIp: rule.cidr, Description: rule.description }],
          })),
        }),
      );
    }
    ids.set(group.id, groupId);
  }
  return ids;
}

/** A launch template per group, then the group; moto launches its instances and tags them. */
export async function ensureAutoScalingGroups(
  ec2: EC2Client,
  autoscaling: AutoScalingClient,
  estate: AwsEstate,
  imageId: string,
  ledger: SeedLedger,
): Promise<void> {
  for (const group of estate.autoScalingGroups) {
    const templates = await ec2.send(new DescribeLaunchTemplatesCommand({}));
    const hasTemplate =
      templates.LaunchTemplates?.some((t) => t.LaunchTemplateName === group.name) ?? false;
    note(ledger, !hasTemplate, `launch-template/${group.name}`);
    if (!hasTemplate) {
      await ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: group.name,
          LaunchTemplateData: {
            ImageId: imageId,
            InstanceType: group.instanceType as _InstanceType,
          },
          TagSpecifications: tagSpec('launch-template', seedTags(group.name, group.tags)),
        }),
      );
    }
    const found = await autoscaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group.name] }),
    );
    const hasGroup = (found.AutoScalingGroups?.length ?? 0) > 0;
    note(ledger, !hasGroup, `auto-scaling-group/${group.name}`);
    if (hasGroup) continue;
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: group.name,
        LaunchTemplate: { LaunchTemplateName: group.name, Version: '$Latest' },
        MinSize: group.min,
        MaxSize: group.max,
        DesiredCapacity: group.desired,
        AvailabilityZones: group.availabilityZones,
        Tags: seedTags(group.name, group.tags).map(({ Key, Value }) => ({
          Key: Key!,
          Value: Value!,
          PropagateAtLaunch: true,
          ResourceId: group.name,
          ResourceType: 'auto-scaling-group',
        })),
      }),
    );
  }
}

/** Instances outside any group; a `stopped` one is stopped after launch. */
export async function ensureInstances(
  ec2: EC2Client,
  estate: AwsEstate,
  imageId: string,
  groupIds: Ids,
  ledger: SeedLedger,
): Promise<Ids> {
  const ids: Ids = new Map();
  for (const instance of estate.instances) {
    const live = {
      Name: 'instance-state-name',
      Values: ['pending', 'running', 'stopping', 'stopped'],
    };
    const found = await ec2.send(
      new DescribeInstancesCommand({ Filters: [...bySeedId(instance.id), live] }),
    );
    const current = found.Reservations?.flatMap((r) => r.Instances ?? [])[0];
    let instanceId = current?.InstanceId;
    note(ledger, !instanceId, `instance/${instance.id}`);
    if (!instanceId) {
      const made = await ec2.send(
        new RunInstancesCommand({
          ImageId: imageId,
          InstanceType: instance.instanceType as _InstanceType,
          MinCount: 1,
          MaxCount: 1,
          SecurityGroupIds: instance.securityGroups.map((g) => groupIds.get(g)!),
          TagSpecifications: tagSpec('instance', seedTags(instance.id, instance.tags)),
        }),
      );
      instanceId = made.Instances![0]!.InstanceId!;
    }
    if (instance.state === 'stopped' && current?.State?.Name !== 'stopped') {
      await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    }
    ids.set(instance.id, instanceId);
  }
  return ids;
}

/** Unattached volumes, with a `simian:created-at` tag for their age. */
export async function ensureVolumes(
  ec2: EC2Client,
  estate: AwsEstate,
  ledger: SeedLedger,
): Promise<Ids> {
  const ids: Ids = new Map();
  for (const volume of estate.volumes) {
    const found = await ec2.send(new DescribeVolumesCommand({ Filters: bySeedId(volume.id) }));
    let volumeId = found.Volumes?.[0]?.VolumeId;
    note(ledger, !volumeId, `volume/${volume.id}`);
    if (!volumeId) {
      const made = await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: 'us-east-1a',
          Size: volume.sizeGiB,
          VolumeType: 'gp3',
          TagSpecifications: tagSpec('volume', seedTags(volume.id, volume.tags, volume.ageDays)),
        }),
      );
      volumeId = made.VolumeId!;
    }
    ids.set(volume.id, volumeId);
  }
  return ids;
}

/** Snapshots of the seeded volumes. */
export async function ensureSnapshots(
  ec2: EC2Client,
  estate: AwsEstate,
  volumeIds: Ids,
  ledger: SeedLedger,
): Promise<void> {
  for (const snapshot of estate.snapshots) {
    const found = await ec2.send(
      new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: bySeedId(snapshot.id) }),
    );
    const exists = (found.Snapshots?.length ?? 0) > 0;
    note(ledger, !exists, `snapshot/${snapshot.id}`);
    if (exists) continue;
    await ec2.send(
      new CreateSnapshotCommand({
        VolumeId: volumeIds.get(snapshot.volume)!,
        Description: snapshot.description,
        TagSpecifications: tagSpec(
          'snapshot',
          seedTags(snapshot.id, snapshot.tags, snapshot.ageDays),
        ),
      }),
    );
  }
}

/** Elastic IPs; those with an instance are associated with it, the rest stay unassociated. */
export async function ensureAddresses(
  ec2: EC2Client,
  estate: AwsEstate,
  instanceIds: Ids,
  ledger: SeedLedger,
): Promise<void> {
  for (const address of estate.addresses) {
    const found = await ec2.send(new DescribeAddressesCommand({ Filters: bySeedId(address.id) }));
    const current = found.Addresses?.[0];
    let allocationId = current?.AllocationId;
    note(ledger, !allocationId, `elastic-ip/${address.id}`);
    if (!allocationId) {
      const made = await ec2.send(
        new AllocateAddressCommand({
          Domain: 'vpc',
          TagSpecifications: tagSpec('elastic-ip', seedTags(address.id, address.tags)),
        }),
      );
      allocationId = made.AllocationId!;
    }
    if (address.instance && !current?.AssociationId) {
      await ec2.send(
        new AssociateAddressCommand({
          AllocationId: allocationId,
          InstanceId: instanceIds.get(address.instance)!,
        }),
      );
    }
  }
}
