import type {
  Address,
  Image,
  NetworkInterface,
  SecurityGroup,
  Snapshot,
  Volume,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { addressViews } from './address.js';
import { imageViews } from './image.js';
import { stateTransitionTime } from './instance.js';
import { networkInterfaceViews } from './network-interface.js';
import { securityGroupViews } from './security-group.js';
import { snapshotViews } from './snapshot.js';
import { volumeViews } from './volume.js';

// The views the janitor reads, from items in the shapes the SDK hands out.
describe('EC2 views for the janitor', () => {
  it('reads a volume: size, type, zone, attachments', () => {
    const v: Volume = {
      VolumeId: 'vol-1',
      State: 'in-use',
      Size: 50,
      VolumeType: 'gp3',
      Iops: 3000,
      Throughput: 125,
      AvailabilityZone: 'us-east-1a',
      Encrypted: false,
      SnapshotId: '',
      Attachments: [{ InstanceId: 'i-1', State: 'attached', VolumeId: 'vol-1' }],
    };
    expect(volumeViews(v).volume).toEqual({
      id: 'vol-1',
      state: 'in-use',
      sizeGiB: 50,
      type: 'gp3',
      iops: 3000,
      throughputMiBps: 125,
      availabilityZone: 'us-east-1a',
      encrypted: false,
      attachments: [{ instanceId: 'i-1', state: 'attached' }],
    });
  });

  it('reads a snapshot, leaving out the placeholder volume id of a copied one', () => {
    const s: Snapshot = {
      SnapshotId: 'snap-1',
      VolumeId: 'vol-ffffffff',
      VolumeSize: 8,
      State: 'completed',
      StartTime: new Date('2026-01-01T00:00:00Z'),
      Description: 'Created by CreateImage(i-1) for ami-1',
    };
    expect(snapshotViews(s).snapshot).toEqual({
      id: 'snap-1',
      sizeGiB: 8,
      state: 'completed',
      startedAt: '2026-01-01T00:00:00.000Z',
      description: 'Created by CreateImage(i-1) for ami-1',
    });
  });

  it('reads an image with the snapshots behind it', () => {
    const i: Image = {
      ImageId: 'ami-1',
      Name: 'web-2026-11-01',
      State: 'available',
      CreationDate: '2026-11-01T00:00:00.000Z',
      Public: false,
      RootDeviceName: '/dev/xvda',
      Architecture: 'x86_64',
      VirtualizationType: 'hvm',
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: { SnapshotId: 'snap-1', VolumeSize: 8, VolumeType: 'gp3' },
        },
        { DeviceName: '/dev/xvdb', VirtualName: 'ephemeral0' },
      ],
    };
    expect(imageViews(i).image).toEqual({
      id: 'ami-1',
      name: 'web-2026-11-01',
      state: 'available',
      createdAt: '2026-11-01T00:00:00.000Z',
      public: false,
      snapshots: ['snap-1'],
      blockDevices: [
        { deviceName: '/dev/xvda', snapshotId: 'snap-1', sizeGiB: 8, type: 'gp3' },
        { deviceName: '/dev/xvdb' },
      ],
      rootDeviceName: '/dev/xvda',
      architecture: 'x86_64',
      virtualizationType: 'hvm',
    });
  });

  it('reads an address, a security group and a network interface', () => {
    const a: Address = { AllocationId: 'eipalloc-1', PublicIp: '198.51.100.7', Domain: 'vpc' };
    expect(addressViews(a).elasticIp).toEqual({
      allocationId: 'eipalloc-1',
      publicIp: '198.51.100.7',
    });
    const g: SecurityGroup = {
      GroupId: 'sg-1',
      GroupName: 'web',
      VpcId: 'vpc-1',
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-lb' }] },
        { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-1' }] },
      ],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    };
    expect(securityGroupViews(g).securityGroup).toEqual({
      id: 'sg-1',
      name: 'web',
      vpcId: 'vpc-1',
      ingressRules: 2,
      egressRules: 1,
      referencedGroups: ['sg-lb'],
    });
    const n: NetworkInterface = {
      NetworkInterfaceId: 'eni-1',
      Status: 'in-use',
      Groups: [{ GroupId: 'sg-1', GroupName: 'web' }],
      Attachment: { InstanceId: 'i-1' },
      InterfaceType: 'interface',
      RequesterManaged: false,
    };
    expect(networkInterfaceViews(n).networkInterface).toEqual({
      id: 'eni-1',
      status: 'in-use',
      securityGroups: ['sg-1'],
      instanceId: 'i-1',
      interfaceType: 'interface',
      requesterManaged: false,
    });
  });

  it('reads when an instance entered its state from the transition reason EC2 writes', () => {
    expect(stateTransitionTime('User initiated (2026-10-01 12:00:00 GMT)')).toBe(
      '2026-10-01T12:00:00.000Z',
    );
    expect(stateTransitionTime('User initiated (2026-10-01 12:00:00 UTC)')).toBe(
      '2026-10-01T12:00:00.000Z',
    );
    expect(stateTransitionTime('Server.SpotInstanceTermination: ...')).toBeUndefined();
    expect(stateTransitionTime(undefined)).toBeUndefined();
  });
});
