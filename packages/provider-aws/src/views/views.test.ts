import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { Instance } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { autoScalingGroupResource } from '../kinds/auto-scaling-group.js';
import { instanceResource } from '../kinds/instance.js';

// Items in the shapes the SDK hands out (timestamps as Dates), turned into resources as a listing
// does, and the same items as plain JSON (what fixtures hold): the views must not differ.
const place = { region: 'us-east-1', account: '123456789012', ownerLabel: 'owner' };

const instance: Instance = {
  InstanceId: 'i-0web1',
  InstanceType: 't3.small',
  LaunchTime: new Date('2026-11-20T09:00:00.000Z'),
  State: { Code: 16, Name: 'running' },
  Placement: { AvailabilityZone: 'us-east-1a' },
  Tags: [
    { Key: 'aws:autoscaling:groupName', Value: 'web' },
    { Key: 'owner', Value: 'team-web' },
  ],
};

const group: AutoScalingGroup = {
  AutoScalingGroupName: 'web',
  AutoScalingGroupARN:
    'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:3f0c:autoScalingGroupName/web',
  MinSize: 1,
  MaxSize: 6,
  DesiredCapacity: 3,
  DefaultCooldown: 300,
  AvailabilityZones: ['us-east-1a'],
  HealthCheckType: 'EC2',
  CreatedTime: new Date('2026-11-01T00:00:00Z'),
  Instances: [
    {
      InstanceId: 'i-0web1',
      AvailabilityZone: 'us-east-1a',
      LifecycleState: 'InService',
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
    },
    {
      InstanceId: 'i-0web2',
      AvailabilityZone: 'us-east-1a',
      LifecycleState: 'InService',
      HealthStatus: 'Unhealthy',
      ProtectedFromScaleIn: false,
    },
    {
      InstanceId: 'i-0web3',
      AvailabilityZone: 'us-east-1a',
      LifecycleState: 'Pending',
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
    },
  ],
};

describe('instance views', () => {
  it('reads id, state, launch time and the Auto Scaling group', () => {
    const r = instanceResource(place, instance);
    expect(r.views).toEqual({
      instance: {
        id: 'i-0web1',
        state: 'running',
        launchTime: '2026-11-20T09:00:00.000Z',
        autoScalingGroup: 'web',
        // What the janitor reads besides.
        instanceType: 't3.small',
        volumeIds: [],
      },
      // An instance with no network interfaces in this fixture: no addresses, no groups.
      addresses: { firewallGroups: [], private: [], public: [] },
    });
    expect(r).toMatchObject({
      ref: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0web1',
      controller: { kind: 'AutoScalingGroup', name: 'web' },
      owner: 'team-web',
    });
    const plain = JSON.parse(JSON.stringify(instance)) as Instance;
    expect(instanceResource(place, plain).views).toEqual(r.views);
  });

  it('has no group for an instance outside one', () => {
    const alone = instanceResource(place, { ...instance, Tags: [] });
    expect(alone.views?.instance).toEqual({
      id: 'i-0web1',
      state: 'running',
      launchTime: '2026-11-20T09:00:00.000Z',
      instanceType: 't3.small',
      volumeIds: [],
    });
  });
});

describe('scaling group views', () => {
  it('reads the size bounds and every member with its lifecycle and health', () => {
    expect(autoScalingGroupResource(place, group).views).toEqual({
      scalingGroup: {
        name: 'web',
        min: 1,
        max: 6,
        desired: 3,
        members: [
          { id: 'i-0web1', lifecycle: 'InService', inService: true, healthy: true },
          { id: 'i-0web2', lifecycle: 'InService', inService: true, healthy: false },
          { id: 'i-0web3', lifecycle: 'Pending', inService: false, healthy: true },
        ],
      },
    });
  });
});
