import { RebootInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { abortOf, defineAwsVerb, ec2Call } from './verb.js';

/** `stop` an instance (EC2 `StopInstances`, with `DryRun` in dry-run). */
export const stopInstanceVerb = defineAwsVerb({
  verb: 'stop',
  kind: 'Instance',
  description:
    'Stops the instance. An Auto Scaling group that owns it will count it unhealthy and replace it.',
  params: z.strictObject({
    /** @default false */
    force: z.boolean().default(false),
  }),
  iamActions: ['ec2:StopInstances'],
  dryRun: 'api',
  async run(context, params) {
    const r = await ec2Call(context, 'StopInstances', ['ec2:StopInstances'], (dryRun) =>
      context.scope.ec2.send(
        new StopInstancesCommand({
          InstanceIds: [context.id],
          Force: params.force,
          DryRun: dryRun,
        }),
        abortOf(context),
      ),
    );
    return r.dryRun ? r : { stopped: true };
  },
});

/** `reboot` an instance (EC2 `RebootInstances`, with `DryRun` in dry-run). */
export const rebootInstanceVerb = defineAwsVerb({
  verb: 'reboot',
  kind: 'Instance',
  description:
    'Reboots the instance (an OS-level restart; it keeps its id, volumes and addresses).',
  params: z.strictObject({}),
  iamActions: ['ec2:RebootInstances'],
  dryRun: 'api',
  async run(context) {
    const r = await ec2Call(context, 'RebootInstances', ['ec2:RebootInstances'], (dryRun) =>
      context.scope.ec2.send(
        new RebootInstancesCommand({ InstanceIds: [context.id], DryRun: dryRun }),
        abortOf(context),
      ),
    );
    return r.dryRun ? r : { rebooted: true };
  },
});
