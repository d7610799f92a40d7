import { describe, expect, it } from 'vitest';
import {
  arnOf,
  arnTarget,
  autoScalingGroupArn,
  bucketArn,
  ec2Arn,
  parseArn,
  partitionOf,
} from './arn.js';

describe('ARNs', () => {
  it('builds EC2 ARNs the way AWS writes them', () => {
    expect(ec2Arn('us-east-1', '123456789012', 'instance', 'i-0abc')).toBe(
      'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
    );
    expect(ec2Arn('eu-west-1', '123456789012', 'elastic-ip', 'eipalloc-1')).toBe(
      'arn:aws:ec2:eu-west-1:123456789012:elastic-ip/eipalloc-1',
    );
    // Snapshots and images carry no account in their ARN.
    expect(ec2Arn('us-east-1', '123456789012', 'snapshot', 'snap-1')).toBe(
      'arn:aws:ec2:us-east-1::snapshot/snap-1',
    );
    expect(ec2Arn('us-east-1', '123456789012', 'image', 'ami-1')).toBe(
      'arn:aws:ec2:us-east-1::image/ami-1',
    );
  });

  it("uses the region's partition", () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(ec2Arn('cn-north-1', '123456789012', 'volume', 'vol-1')).toBe(
      'arn:aws-cn:ec2:cn-north-1:123456789012:volume/vol-1',
    );
    expect(bucketArn('us-east-1', 'logs')).toBe('arn:aws:s3:::logs');
  });

  it('reads back the kind and id of each ARN Simian builds', () => {
    const cases: Array<[string, string, string]> = [
      [ec2Arn('us-east-1', '1', 'instance', 'i-1'), 'Instance', 'i-1'],
      [ec2Arn('us-east-1', '1', 'volume', 'vol-1'), 'Volume', 'vol-1'],
      [ec2Arn('us-east-1', '1', 'snapshot', 'snap-1'), 'Snapshot', 'snap-1'],
      [ec2Arn('us-east-1', '1', 'image', 'ami-1'), 'Image', 'ami-1'],
      [ec2Arn('us-east-1', '1', 'elastic-ip', 'eipalloc-1'), 'Address', 'eipalloc-1'],
      [ec2Arn('us-east-1', '1', 'security-group', 'sg-1'), 'SecurityGroup', 'sg-1'],
      [bucketArn('us-east-1', 'my-bucket'), 'Bucket', 'my-bucket'],
      [autoScalingGroupArn('us-east-1', '1', 'web', 'uuid-1'), 'AutoScalingGroup', 'web'],
    ];
    for (const [arn, kind, id] of cases)
      expect(arnTarget(parseArn(arn)), arn).toEqual({ kind, id });
  });

  it('keeps colons inside the resource part', () => {
    const arn = parseArn(
      'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:abc:autoScalingGroupName/web',
    );
    expect(arn).toMatchObject({
      service: 'autoscaling',
      region: 'us-east-1',
      account: '123456789012',
    });
    expect(arn.resource).toBe('autoScalingGroup:abc:autoScalingGroupName/web');
  });

  it('refuses what is not an ARN, and knows what it does not know', () => {
    expect(() => parseArn('k8s:prod/_/Node/n1')).toThrow(/is not an ARN/);
    expect(arnTarget(parseArn('arn:aws:rds:us-east-1:1:db:prod'))).toBeUndefined();
    expect(arnTarget(parseArn('arn:aws:s3:::bucket/key'))).toBeUndefined();
  });
});

describe('ARNs from a kind and an id', () => {
  it('builds the ARN a listing gives, with the account where AWS writes one', () => {
    expect(arnOf('Instance', 'i-0abc', 'us-east-1', '123456789012')).toBe(
      'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
    );
    expect(arnOf('Snapshot', 'snap-1', 'us-east-1', undefined)).toBe(
      'arn:aws:ec2:us-east-1::snapshot/snap-1',
    );
    expect(arnOf('Bucket', 'logs', 'eu-west-1', undefined)).toBe('arn:aws:s3:::logs');
    const group = arnOf('AutoScalingGroup', 'web', 'us-east-1', '123456789012');
    expect(arnTarget(parseArn(group))).toEqual({ kind: 'AutoScalingGroup', id: 'web' });
  });

  it('refuses a kind it does not know, and an ARN that needs an account it was not given', () => {
    expect(() => arnOf('Lambda', 'f', 'us-east-1', '1')).toThrow('"Lambda" is no AWS kind');
    expect(() => arnOf('Instance', 'i-0abc', 'us-east-1', undefined)).toThrow(
      'the ARN of Instance i-0abc needs its AWS account',
    );
  });
});
