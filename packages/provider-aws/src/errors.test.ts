import { ActionFailedError, TargetError } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { explainAwsError, isAwsNotFound } from './errors.js';

const scope = { name: 'us-east-1', region: 'us-east-1' };
const awsError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('explainAwsError', () => {
  it('an access denial names the call, the resource and the statement to grant', () => {
    const arn = 'arn:aws:ec2:us-east-1:123456789012:volume/vol-1';
    const error = explainAwsError(
      awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
      {
        scope,
        call: 'DeleteVolume',
        what: arn,
        iamActions: ['ec2:DeleteVolume'],
        resourceArn: arn,
      },
      'action',
    );
    expect(error).toBeInstanceOf(ActionFailedError);
    expect(error.message).toBe(
      `aws (us-east-1): DeleteVolume on ${arn} failed: UnauthorizedOperation (HTTP 403): You are not authorized to perform this operation.`,
    );
    expect(error.hint).toContain(
      `{"Effect":"Allow","Action":["ec2:DeleteVolume"],"Resource":"${arn}"}`,
    );
  });

  it('says what is in the way', () => {
    const error = explainAwsError(
      awsError('DependencyViolation', 'resource sg-1 has a dependent object'),
      { scope, call: 'DeleteSecurityGroup', what: 'sg-1', iamActions: ['ec2:DeleteSecurityGroup'] },
      'action',
    );
    expect(error.hint).toContain('remove those first');
  });

  it('a listing failure is a TargetError with a code', () => {
    const error = explainAwsError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' }),
      {
        scope,
        call: 'DescribeInstances',
        what: 'instances',
        iamActions: ['ec2:DescribeInstances'],
      },
      'target',
    );
    expect(error).toBeInstanceOf(TargetError);
    expect(error.code).toBe('TARGET_UNREACHABLE');
  });

  it('recognises not-found answers', () => {
    expect(isAwsNotFound(awsError('InvalidVolume.NotFound', 'x'))).toBe(true);
    expect(isAwsNotFound(awsError('NoSuchBucket', 'x', 404))).toBe(true);
    expect(isAwsNotFound(awsError('VolumeInUse', 'x'))).toBe(false);
  });
});
