import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { TargetError } from '@simian/core';

/** Temporary credentials as the SDK takes them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Renew assumed-role credentials this long before they expire. */
const renewBeforeMs = 5 * 60_000;

/**
 * Credentials for `roleArn`, assumed with the base credentials (a profile or the default chain)
 * and renewed before they expire. `@aws-sdk/credential-providers` has the same thing; this keeps
 * the dependency list to the clients the issue names.
 */
export function assumeRoleCredentials(options: {
  roleArn: string;
  externalId?: string | undefined;
  region: string;
  endpoint?: string | undefined;
  profile?: string | undefined;
}): () => Promise<AwsCredentials> {
  const sts = new STSClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
  let cached: AwsCredentials | undefined;
  return async () => {
    if (cached?.expiration && cached.expiration.getTime() - Date.now() > renewBeforeMs)
      return cached;
    try {
      const { Credentials: c } = await sts.send(
        new AssumeRoleCommand({
          RoleArn: options.roleArn,
          RoleSessionName: 'simian',
          ...(options.externalId ? { ExternalId: options.externalId } : {}),
        }),
      );
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('STS returned no credentials');
      cached = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
      return cached;
    } catch (error) {
      throw new TargetError(
        `aws: could not assume role ${options.roleArn}: ${(error as Error).message}`,
        {
          code: 'TARGET_FORBIDDEN',
          hint: "the base credentials need sts:AssumeRole on it, and the role's trust policy must name them",
          cause: error,
        },
      );
    }
  };
}
