import {
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { explainAwsError } from '../errors.js';
import { abortOf, defineAwsVerb, type AwsVerbContext } from './verb.js';

const DESCRIBE = ['autoscaling:DescribeAutoScalingGroups'];

/**
 * The group as it is now. Auto Scaling has no dry-run, so in dry-run this read (which needs the
 * describe permission and finds a group that is gone) is all that happens.
 */
async function describeGroup(context: AwsVerbContext): Promise<AutoScalingGroup> {
  let group: AutoScalingGroup | undefined;
  try {
    const answer = await context.scope.autoscaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [context.id] }),
      abortOf(context),
    );
    group = answer.AutoScalingGroups?.[0];
  } catch (error) {
    throw explainAwsError(
      error,
      {
        scope: context.scope,
        call: 'DescribeAutoScalingGroups',
        what: context.arn,
        iamActions: DESCRIBE,
      },
      'action',
    );
  }
  if (!group) {
    throw new ActionFailedError(
      `Auto Scaling group ${context.id} does not exist (${context.arn})`,
      {
        hint: 'it was deleted in the meantime; nothing to do',
      },
    );
  }
  return group;
}

const capacityOf = (g: AutoScalingGroup) => ({
  min: g.MinSize ?? 0,
  desired: g.DesiredCapacity ?? 0,
  max: g.MaxSize ?? 0,
});

/**
 * `scale` an Auto Scaling group to `desiredCapacity` (`UpdateAutoScalingGroup`), lowering its
 * minimum when the new desired capacity is below it, as scaling to zero needs. The group then
 * terminates (or launches) instances itself. The output keeps the old capacity, so a person can
 * scale the group back up.
 */
export const scaleAutoScalingGroupVerb = defineAwsVerb({
  verb: 'scale',
  kind: 'AutoScalingGroup',
  description:
    'Sets the desired capacity (UpdateAutoScalingGroup), lowering the minimum when needed; the group terminates or launches instances to match.',
  params: z.strictObject({
    desiredCapacity: z.int().min(0),
  }),
  iamActions: [...DESCRIBE, 'autoscaling:UpdateAutoScalingGroup'],
  dryRun: 'checks',
  async run(context, params) {
    const from = capacityOf(await describeGroup(context));
    const to = {
      ...from,
      desired: params.desiredCapacity,
      min: Math.min(from.min, params.desiredCapacity),
    };
    if (context.dryRun) {
      return {
        dryRun: true,
        from,
        to,
        note: 'Auto Scaling has no dry-run: only the group was read',
      };
    }
    try {
      await context.scope.autoscaling.send(
        new UpdateAutoScalingGroupCommand({
          AutoScalingGroupName: context.id,
          MinSize: to.min,
          DesiredCapacity: to.desired,
        }),
        abortOf(context),
      );
    } catch (error) {
      throw explainAwsError(
        error,
        {
          scope: context.scope,
          call: 'UpdateAutoScalingGroup',
          what: context.arn,
          iamActions: ['autoscaling:UpdateAutoScalingGroup'],
          resourceArn: context.arn,
        },
        'action',
      );
    }
    return { scaled: true, from, to };
  },
});

/**
 * `delete` an Auto Scaling group with `ForceDelete` (`DeleteAutoScalingGroup`): the group
 * terminates its instances and goes. Without ForceDelete AWS refuses a group that still has
 * instances, which is every group a teardown reaches.
 */
export const deleteAutoScalingGroupVerb = defineAwsVerb({
  verb: 'delete',
  kind: 'AutoScalingGroup',
  description:
    'Deletes the group and terminates its instances (DeleteAutoScalingGroup with ForceDelete).',
  params: z.strictObject({}),
  iamActions: [...DESCRIBE, 'autoscaling:DeleteAutoScalingGroup'],
  dryRun: 'checks',
  async run(context) {
    const group = await describeGroup(context);
    const instances = (group.Instances ?? []).map((i) => i.InstanceId).filter(Boolean);
    if (context.dryRun) {
      return {
        dryRun: true,
        instances,
        note: 'Auto Scaling has no dry-run: only the group was read',
      };
    }
    try {
      await context.scope.autoscaling.send(
        new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: context.id, ForceDelete: true }),
        abortOf(context),
      );
    } catch (error) {
      throw explainAwsError(
        error,
        {
          scope: context.scope,
          call: 'DeleteAutoScalingGroup',
          what: context.arn,
          iamActions: ['autoscaling:DeleteAutoScalingGroup'],
          resourceArn: context.arn,
        },
        'action',
      );
    }
    return { deleted: true, instances };
  },
});
