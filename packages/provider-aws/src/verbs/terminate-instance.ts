import {
  DescribeAutoScalingInstancesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { awsErrorName, explainAwsError } from '../errors.js';
import { abortOf, defineAwsVerb, ec2Call, type AwsVerbContext } from './verb.js';

/**
 * Whether an endpoint does not implement a call at all (some AWS look-alikes answer 501, an
 * unknown-action error, or an HTML error page the SDK cannot parse).
 */
export function isNotImplemented(error: unknown): boolean {
  const name = awsErrorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const message = String((error as Error)?.message ?? '');
  if (status === 501) return true;
  if (
    [
      'NotImplemented',
      'InvalidAction',
      'UnknownOperationException',
      'UnsupportedOperation',
    ].includes(name)
  )
    return true;
  return (
    (status === 500 || status === 404) &&
    /not (yet |been )?implemented|XML parse error|Deserialization error/i.test(message)
  );
}

async function autoScalingGroupOf(context: AwsVerbContext): Promise<string | undefined> {
  try {
    const answer = await context.scope.autoscaling.send(
      new DescribeAutoScalingInstancesCommand({ InstanceIds: [context.id] }),
      abortOf(context),
    );
    return answer.AutoScalingInstances?.[0]?.AutoScalingGroupName;
  } catch (error) {
    throw explainAwsError(
      error,
      {
        scope: context.scope,
        call: 'DescribeAutoScalingInstances',
        what: context.arn,
        iamActions: ['autoscaling:DescribeAutoScalingInstances'],
      },
      'action',
    );
  }
}

const terminateDirectly = (context: AwsVerbContext) =>
  ec2Call(context, 'TerminateInstances', ['ec2:TerminateInstances'], (dryRun) =>
    context.scope.ec2.send(
      new TerminateInstancesCommand({ InstanceIds: [context.id], DryRun: dryRun }),
      abortOf(context),
    ),
  );

/**
 * `terminate` an instance, ASG-aware: an instance an Auto Scaling group owns is terminated
 * through the group (`TerminateInstanceInAutoScalingGroup`, desired capacity kept), so the group
 * knows at once and launches a replacement. Auto Scaling has no dry-run: in dry-run only the
 * membership is checked. An endpoint without that call (the notes say moto; moto 5.2.5
 * has it) gets a plain `TerminateInstances`, and the group replaces the instance at its next
 * health check; the output says which way it went.
 */
export const terminateInstanceVerb = defineAwsVerb({
  verb: 'terminate',
  kind: 'Instance',
  description:
    'Terminates the instance; through its Auto Scaling group (TerminateInstanceInAutoScalingGroup, desired capacity kept) when one owns it.',
  params: z.strictObject({}),
  iamActions: [
    'ec2:TerminateInstances',
    'autoscaling:DescribeAutoScalingInstances',
    'autoscaling:TerminateInstanceInAutoScalingGroup',
  ],
  dryRun: 'api',
  async run(context) {
    const group = await autoScalingGroupOf(context);
    if (!group) return { ...(await terminateDirectly(context)), via: 'TerminateInstances' };
    if (context.dryRun) {
      return {
        dryRun: true,
        via: 'TerminateInstanceInAutoScalingGroup',
        autoScalingGroup: group,
        note: 'Auto Scaling has no dry-run: only the group membership was checked',
      };
    }
    try {
      const answer = await context.scope.autoscaling.send(
        new TerminateInstanceInAutoScalingGroupCommand({
          InstanceId: context.id,
          ShouldDecrementDesiredCapacity: false,
        }),
        abortOf(context),
      );
      return {
        terminated: true,
        via: 'TerminateInstanceInAutoScalingGroup',
        autoScalingGroup: group,
        ...(answer.Activity?.ActivityId ? { activityId: answer.Activity.ActivityId } : {}),
      };
    } catch (error) {
      if (!isNotImplemented(error)) {
        throw explainAwsError(
          error,
          {
            scope: context.scope,
            call: 'TerminateInstanceInAutoScalingGroup',
            what: context.arn,
            iamActions: ['autoscaling:TerminateInstanceInAutoScalingGroup'],
          },
          'action',
        );
      }
      context.logger.warn(
        { ref: context.arn, group },
        'TerminateInstanceInAutoScalingGroup is not available here; terminating directly',
      );
      await terminateDirectly(context);
      return {
        terminated: true,
        via: 'TerminateInstances',
        autoScalingGroup: group,
        note: 'the endpoint lacks TerminateInstanceInAutoScalingGroup: the instance was terminated directly and the group replaces it at its next health check',
      };
    }
  },
});
