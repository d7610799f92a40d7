import { GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { explainAwsError } from '../errors.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, defineAwsKind, placeOf } from './kind.js';

const listActions = ['ec2:GetEbsEncryptionByDefault'];

/**
 * Whether the region encrypts new EBS volumes by default: one resource per region, named after
 * it, with the GetEbsEncryptionByDefault answer as raw (`{ EbsEncryptionByDefault }`). A region
 * setting, not a resource: its ref is Simian's own (`ebs-encryption-by-default/<region>`), and it
 * has no tags.
 */
export const ebsEncryptionByDefaultKind = defineAwsKind({
  kind: 'EbsEncryptionByDefault',
  service: 'ec2',
  listActions,
  taggable: false,
  async list(scope, { signal }) {
    return [await readSetting(scope, signal)];
  },
  async read(scope, id, signal) {
    return id === scope.region ? readSetting(scope, signal) : undefined;
  },
});

async function readSetting(scope: AwsScope, signal?: AbortSignal) {
  const account = await scope.account();
  try {
    const answer = await scope.ec2.send(
      new GetEbsEncryptionByDefaultCommand({}),
      abortOption(signal),
    );
    return awsResource(placeOf(scope, account), {
      kind: 'EbsEncryptionByDefault',
      id: scope.region,
      arn: ec2Arn(scope.region, account, 'ebs-encryption-by-default', scope.region),
      tags: {},
      raw: { EbsEncryptionByDefault: answer.EbsEncryptionByDefault === true },
    });
  } catch (error) {
    throw explainAwsError(
      error,
      {
        scope,
        call: 'GetEbsEncryptionByDefault',
        what: 'the EBS encryption default',
        iamActions: listActions,
      },
      'target',
    );
  }
}
