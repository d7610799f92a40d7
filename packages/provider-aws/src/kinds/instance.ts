import {
  DescribeInstancesCommand,
  paginateDescribeInstances,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { AddressesView } from '@simian/core';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, clampPageSize, defineAwsKind } from './kind.js';

/** The tag AWS puts on every instance an Auto Scaling group launches. */
export const autoScalingGroupTag = 'aws:autoscaling:groupName';

function toResource(scope: AwsScope, account: string, instance: Instance) {
  const tags = tagsToRecord(instance.Tags);
  const group = tags[autoScalingGroupTag];
  return awsResource(scope, account, {
    kind: 'Instance',
    id: instance.InstanceId!,
    arn: ec2Arn(scope.region, account, 'instance', instance.InstanceId!),
    tags,
    createdAt: instance.LaunchTime,
    ...(group ? { controller: { kind: 'AutoScalingGroup', name: group } } : {}),
    views: { addresses: instanceAddresses(instance) },
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
              out.push(toResource(scope, account, instance));
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
        ? toResource(scope, account, instance)
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
