import {
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { abortOf, defineAwsVerb, ec2Call, type AwsVerb, type AwsVerbContext } from './verb.js';

const pastTense: Record<string, string> = {
  delete: 'deleted',
  deregister: 'deregistered',
  release: 'released',
};

/** One EC2 call that removes one kind of thing. */
function removal(
  verb: string,
  kind: string,
  call: string,
  iamAction: string,
  description: string,
  send: (context: AwsVerbContext, dryRun: boolean) => Promise<unknown>,
): AwsVerb {
  return defineAwsVerb({
    verb,
    kind,
    description,
    params: z.strictObject({}),
    iamActions: [iamAction],
    dryRun: 'api',
    async run(context) {
      const r = await ec2Call(context, call, [iamAction], (dryRun) => send(context, dryRun));
      return r.dryRun ? r : { [pastTense[verb] ?? verb]: true };
    },
  }) as AwsVerb;
}

/**
 * `delete` / `deregister` / `release` for the EC2 kinds: one call each, with `DryRun` in dry-run.
 * A volume's `delete` has a file of its own (`delete-volume.ts`): it can wait for a snapshot.
 */
export const ec2RemovalVerbs: AwsVerb[] = [
  removal(
    'delete',
    'Snapshot',
    'DeleteSnapshot',
    'ec2:DeleteSnapshot',
    'Deletes the EBS snapshot (no image may use it).',
    (c, dryRun) =>
      c.scope.ec2.send(new DeleteSnapshotCommand({ SnapshotId: c.id, DryRun: dryRun }), abortOf(c)),
  ),
  removal(
    'delete',
    'SecurityGroup',
    'DeleteSecurityGroup',
    'ec2:DeleteSecurityGroup',
    'Deletes the security group (nothing may use or reference it).',
    (c, dryRun) =>
      c.scope.ec2.send(
        new DeleteSecurityGroupCommand({ GroupId: c.id, DryRun: dryRun }),
        abortOf(c),
      ),
  ),
  removal(
    'deregister',
    'Image',
    'DeregisterImage',
    'ec2:DeregisterImage',
    'Deregisters the AMI. Its snapshots stay; the janitor finds them next as unused.',
    (c, dryRun) =>
      c.scope.ec2.send(new DeregisterImageCommand({ ImageId: c.id, DryRun: dryRun }), abortOf(c)),
  ),
  removal(
    'release',
    'Address',
    'ReleaseAddress',
    'ec2:ReleaseAddress',
    'Releases the Elastic IP address (it must be disassociated).',
    (c, dryRun) =>
      c.scope.ec2.send(
        new ReleaseAddressCommand({ AllocationId: c.id, DryRun: dryRun }),
        abortOf(c),
      ),
  ),
];
