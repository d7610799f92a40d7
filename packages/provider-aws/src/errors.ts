import { ActionFailedError, TargetError, type SimianError } from '@simian/core';

/** What Simian was doing when an AWS call failed. */
export interface AwsOperation {
  scope: { name: string; region: string };
  /** The API call: `DeleteVolume`. */
  call: string;
  /** The resource, best as an ARN; or what was listed (`instances`). */
  what: string;
  /** The IAM actions the call needs. */
  iamActions: string[];
  /** The ARN an IAM statement would name; `*` for listings. */
  resourceArn?: string;
}

const forbidden = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AllAccessDisabled',
]);
const badCredentials = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
]);
const throttled = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'SlowDown',
  'TooManyRequestsException',
]);
const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'TimeoutError',
]);

/** The error's name as AWS gives it (`InvalidVolume.NotFound`). */
export function awsErrorName(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string } | null;
  return e?.Code ?? e?.name ?? e?.code ?? 'Error';
}

/** Whether AWS said the resource does not exist. */
export function isAwsNotFound(error: unknown): boolean {
  const name = awsErrorName(error);
  return (
    name.endsWith('.NotFound') ||
    name === 'NoSuchBucket' ||
    name === 'NoSuchEntity' ||
    name === 'NotFound'
  );
}

/** An IAM statement that allows `op`, as JSON. */
export function iamStatementText(op: Pick<AwsOperation, 'iamActions' | 'resourceArn'>): string {
  return JSON.stringify({
    Effect: 'Allow',
    Action: op.iamActions,
    Resource: op.resourceArn ?? '*',
  });
}

/** Advice for errors that say what is in the way. */
function adviceFor(name: string): string | undefined {
  switch (name) {
    case 'VolumeInUse':
    case 'IncorrectState':
      return 'the volume is attached: detach it (or terminate its instance) first';
    case 'DependencyViolation':
      return 'something still refers to it (instances, network interfaces, rules of other security groups): remove those first';
    case 'InvalidSnapshot.InUse':
      return 'an image was registered from this snapshot: deregister the image first';
    case 'BucketNotEmpty':
      return 'objects arrived while the bucket was being emptied: run again';
    case 'InvalidPermission.NotFound':
    case 'InvalidGroup.InUse':
      return 'another security group refers to it: remove that rule first';
    default:
      return undefined;
  }
}

/**
 * Turns a failed SDK call into a `SimianError` naming the scope, the call, the resource and what
 * to do. Listings become `TargetError`s, actions `ActionFailedError`s.
 */
export function explainAwsError(
  error: unknown,
  op: AwsOperation,
  as: 'target' | 'action',
): SimianError {
  const name = awsErrorName(error);
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0];
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const text = `aws (${op.scope.name}): ${op.call} on ${op.what} failed: ${name}${status ? ` (HTTP ${status})` : ''}: ${message}`;
  const make = (hint: string, code: 'TARGET_FORBIDDEN' | 'TARGET_UNREACHABLE' | 'TARGET_ERROR') =>
    as === 'action'
      ? new ActionFailedError(text, { hint, cause: error })
      : new TargetError(text, { hint, code, cause: error });

  if (forbidden.has(name)) {
    return make(
      `the identity lacks ${op.iamActions.join(', ')}: grant ${iamStatementText(op)}; \`simian doctor\` lists every permission still missing`,
      'TARGET_FORBIDDEN',
    );
  }
  if (badCredentials.has(name)) {
    return make(
      'no valid AWS credentials: check AWS_PROFILE / the profile in simian.yaml, renew an SSO session (`aws sso login`), or the role to assume',
      'TARGET_FORBIDDEN',
    );
  }
  const code = (error as { code?: string } | null)?.code;
  if (unreachable.has(name) || (code !== undefined && unreachable.has(code))) {
    return make(
      `the endpoint did not answer: check the network and the endpoint (${op.scope.region}); with moto or LocalStack, that it runs`,
      'TARGET_UNREACHABLE',
    );
  }
  if (throttled.has(name)) {
    return make(
      'AWS kept throttling even after adaptive retries: run again later, or lower inventory.concurrency',
      'TARGET_ERROR',
    );
  }
  if (isAwsNotFound(error)) {
    return make('it no longer exists: nothing to do', 'TARGET_ERROR');
  }
  return make(adviceFor(name) ?? "see AWS's message above", 'TARGET_ERROR');
}
