import {
  DescribeInstancesCommand,
  paginateDescribeInstances,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { AddressesView, Resource } from '@simian/core';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import { instanceViews } from '../views/instance.js';
import {
  abortOption,
  awsResource,
  clampPageSize,
  defineAwsKind,
  placeOf,
  type AwsPlace,
} from './kind.js';

/** The tag AWS puts on every instance an Auto Scaling group launches. */
export const autoScalingGroupTag = 'aws:autoscaling:groupName';

/**
 * The `Resource` of an EC2 instance as DescribeInstances returns it (the SDK's object, or its plain
 * JSON), with its instance view. Exported for tests that hold instances rather than an account.
 */
export function instanceResource(place: AwsPlace, instance: Instance): Resource {
  const tags = tagsToRecord(instance.Tags);
  const group = tags[autoScalingGroupTag];
  return awsResource(place, {
    kind: 'Instance',
    id: instance.InstanceId!,
    arn: ec2Arn(place.region, place.account, 'instance', instance.InstanceId!),
    tags,
    createdAt: instance.LaunchTime,
    ...(group ? { controller: { kind: 'AutoScalingGroup', name: group } } : {}),
    views: {
      ...instanceViews(instance, tags, autoScalingGroupTag),
      addresses: instanceAddresses(instance),
    },
    deleting: ['shutting-down', 'terminated'].includes(instance.State?.Name ?? ''),
    raw: instance,
  });
}

/** Where an instance can be reached, and the security groups in front of it. */
export function instanceAddresses(instance: Instance): AddressesView {
  const present = (values: Array<string | undefined>) => [
    ...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '')),
  ];
  return {
    public: present([instance.PublicIpAddress, instance.PublicDnsName]),
    private: present([instance.PrivateIpAddress, instance.PrivateDnsName]),
    firewallGroups: present((instance.SecurityGroups ?? []).map((g) => g.GroupId)),
  };
}

const listActions = ['ec2:DescribeInstances'];

/**
 * EC2 instances, all states but `terminated` (AWS keeps showing those for about an hour; they
 * are gone for every purpose of Simian). Instances launched by an Auto Scaling group carry it
 * as their controller.
 */
export const instanceKind = defineAwsKind({
  kind: 'Instance',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    const out = [];
    try {
      const pages = paginateDescribeInstances(
        {
          client: scope.ec2,
          pageSize: clampPageSize(scope.settings.pageSize, 5, 1000),
          ...abortOption(signal),
        },
        {},
      );
      for await (const page of pages) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            if (instance.State?.Name !== 'terminated')
              out.push(instanceResource(placeOf(scope, account), instance));
          }
        }
      }
    } catch (error) {
      throw explainAwsError(
        error,
        { scope, call: 'DescribeInstances', what: 'instances', iamActions: listActions },
        'target',
      );
    }
    return out;
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(
        new DescribeInstancesCommand({ InstanceIds: [id] }),
        abortOption(signal),
      );
      const instance = answer.Reservations?.[0]?.Instances?.[0];
      return instance && instance.State?.Name !== 'terminated'
        ? instanceResource(placeOf(scope, account), instance)
        : undefined;
    } catch (error) {
      if (isAwsNotFound(error)) return undefined;
      throw explainAwsError(
        error,
        { scope, call: 'DescribeInstances', what: `instance ${id}`, iamActions: listActions },
        'target',
      );
    }
  },
});
