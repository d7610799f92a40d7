import { SimianError } from '@simian/core';

/** The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** The parts of an ARN. */
export interface Arn {
  partition: string;
  service: string;
  /** Empty for global resources (S3 buckets). */
  region: string;
  /** Empty where AWS leaves it out (snapshots, images, buckets). */
  account: string;
  /** Everything after the account: `instance/i-0abc`. */
  resource: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** The parts of `text`; throws a `SimianError` naming it when it is not an ARN. */
export function parseArn(text: string): Arn {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    throw new SimianError('INPUT_INVALID', `"${text}" is not an ARN`, {
      hint: 'an AWS ref is the resource ARN: arn:<partition>:<service>:<region>:<account>:<resource>',
    });
  }
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: parts.slice(5).join(':'),
  };
}

/**
 * An EC2 resource's ARN. Snapshots and images carry no account in their ARN (AWS's own format:
 * `arn:aws:ec2:us-east-1::snapshot/snap-0abc`); everything else does.
 */
export function ec2Arn(region: string, account: string, type: string, id: string): string {
  const accountless = type === 'snapshot' || type === 'image';
  return formatArn({
    partition: partitionOf(region),
    service: 'ec2',
    region,
    account: accountless ? '' : account,
    resource: `${type}/${id}`,
  });
}

/** A bucket's ARN: `arn:aws:s3:::name` (global: no region, no account). */
export function bucketArn(region: string, name: string): string {
  return formatArn({
    partition: partitionOf(region),
    service: 's3',
    region: '',
    account: '',
    resource: name,
  });
}

/**
 * An Auto Scaling group's ARN as AWS writes it, when the API did not return one:
 * `arn:aws:autoscaling:<region>:<account>:autoScalingGroup:*:autoScalingGroupName/<name>`.
 */
export function autoScalingGroupArn(
  region: string,
  account: string,
  name: string,
  id = '*',
): string {
  return formatArn({
    partition: partitionOf(region),
    service: 'autoscaling',
    region,
    account,
    resource: `autoScalingGroup:${id}:autoScalingGroupName/${name}`,
  });
}

/** What an ARN points at, in Simian's terms. */
export interface ArnTarget {
  /** The inventory kind (`Instance`, `Bucket`, ...). */
  kind: string;
  /** The id the API takes (`i-0abc`, a bucket name, an Auto Scaling group name). */
  id: string;
}

const ec2Types: Record<string, string> = {
  instance: 'Instance',
  volume: 'Volume',
  snapshot: 'Snapshot',
  image: 'Image',
  'elastic-ip': 'Address',
  'security-group': 'SecurityGroup',
  // Simian's own refs for what AWS gives no ARN: an instance's user data, a region setting.
  'instance-user-data': 'InstanceUserData',
  'ebs-encryption-by-default': 'EbsEncryptionByDefault',
  'network-interface': 'NetworkInterface',
  'launch-template': 'LaunchTemplate',
};

/** The kind and id an ARN names; undefined for resources Simian does not know. */
export function arnTarget(arn: Arn): ArnTarget | undefined {
  if (arn.service === 's3' && arn.resource !== '' && !arn.resource.includes('/')) {
    return { kind: 'Bucket', id: arn.resource };
  }
  if (arn.service === 'autoscaling') {
    const m = /autoScalingGroupName\/(.+)$/.exec(arn.resource);
    return m ? { kind: 'AutoScalingGroup', id: m[1]! } : undefined;
  }
  if (arn.service === 'ec2') {
    const slash = arn.resource.indexOf('/');
    const kind = ec2Types[arn.resource.slice(0, slash)];
    return kind && slash > 0 ? { kind, id: arn.resource.slice(slash + 1) } : undefined;
  }
  return undefined;
}

const ec2TypeOfKind = new Map(Object.entries(ec2Types).map(([type, kind]) => [kind, type]));

/**
 * The ARN of the item `id` of `kind` in `region`, as a listing would give it (an Auto Scaling
 * group's with `*` for the UUID only AWS knows, which reading accepts). Throws a `SimianError` for
 * a kind Simian does not know, or when the ARN names an account and `account` is not given.
 */
export function arnOf(
  kind: string,
  id: string,
  region: string,
  account: string | undefined,
): string {
  const needAccount = (): string => {
    if (account) return account;
    throw new SimianError('INPUT_INVALID', `the ARN of ${kind} ${id} needs its AWS account`, {
      hint: "give the account (the resource's context), or set accountId on the targets.aws entry",
    });
  };
  if (kind === 'Bucket') return bucketArn(region, id);
  if (kind === 'AutoScalingGroup') return autoScalingGroupArn(region, needAccount(), id);
  const type = ec2TypeOfKind.get(kind);
  if (!type) {
    throw new SimianError('INPUT_INVALID', `"${kind}" is no AWS kind Simian knows`, {
      hint: `AWS kinds with refs: Bucket, AutoScalingGroup, ${[...ec2TypeOfKind.keys()].join(', ')}`,
    });
  }
  const accountless = type === 'snapshot' || type === 'image';
  return ec2Arn(region, accountless ? '' : needAccount(), type, id);
}
