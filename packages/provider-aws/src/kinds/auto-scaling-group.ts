import {
  DescribeAutoScalingGroupsCommand,
  paginateDescribeAutoScalingGroups,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import type { Resource } from '@simian/core';
import { autoScalingGroupArn } from '../arn.js';
import { explainAwsError } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { scalingGroupViews } from '../views/scaling-group.js';
import {
  abortOption,
  awsResource,
  clampPageSize,
  defineAwsKind,
  placeOf,
  type AwsPlace,
} from './kind.js';

/**
 * The `Resource` of an Auto Scaling group as DescribeAutoScalingGroups returns it (the SDK's
 * object, or its plain JSON), with its scaling group view. Exported for tests that hold groups
 * rather than an account.
 */
export const autoScalingGroupResource = (place: AwsPlace, group: AutoScalingGroup): Resource =>
  awsResource(place, {
    kind: 'AutoScalingGroup',
    id: group.AutoScalingGroupName!,
    arn:
      group.AutoScalingGroupARN ??
      autoScalingGroupArn(place.region, place.account, group.AutoScalingGroupName!),
    tags: tagsToRecord(group.Tags),
    createdAt: group.CreatedTime,
    views: scalingGroupViews(group),
    deleting: group.Status?.startsWith('Delete') ?? false,
    raw: group,
  });

const toResource = (scope: AwsScope, account: string, group: AutoScalingGroup) =>
  autoScalingGroupResource(placeOf(scope, account), group);

const listActions = ['autoscaling:DescribeAutoScalingGroups'];

/** Auto Scaling groups with their instances and desired, min and max capacity. */
export const autoScalingGroupKind = defineAwsKind({
  kind: 'AutoScalingGroup',
  service: 'autoscaling',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    const out = [];
    try {
      const pages = paginateDescribeAutoScalingGroups(
        {
          client: scope.autoscaling,
          pageSize: clampPageSize(scope.settings.pageSize, 1, 100),
          ...abortOption(signal),
        },
        {},
      );
      for await (const page of pages)
        for (const g of page.AutoScalingGroups ?? []) out.push(toResource(scope, account, g));
    } catch (error) {
      throw explainAwsError(
        error,
        {
          scope,
          call: 'DescribeAutoScalingGroups',
          what: 'Auto Scaling groups',
          iamActions: listActions,
        },
        'target',
      );
    }
    return out;
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.autoscaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [id] }),
        abortOption(signal),
      );
      const group = answer.AutoScalingGroups?.[0];
      return group ? toResource(scope, account, group) : undefined;
    } catch (error) {
      throw explainAwsError(
        error,
        {
          scope,
          call: 'DescribeAutoScalingGroups',
          what: `Auto Scaling group ${id}`,
          iamActions: listActions,
        },
        'target',
      );
    }
  },
});
