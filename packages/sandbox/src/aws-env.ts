/** The fixed credentials moto accepts; they open nothing anywhere else. */
export const motoCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;
/** The region the sandbox seeds and the env file names. */
export const sandboxRegion = 'us-east-1';

/** The text of `aws.env`: for `set -a; . .simian/sandbox/aws.env; set +a` and for SDK v3 and the aws CLI. */
export function renderAwsEnv(endpoint: string): string {
  return [
    '# The sandbox moto server. Use: set -a; . .simian/sandbox/aws.env; set +a',
    `AWS_ENDPOINT_URL=${endpoint}`,
    `AWS_ACCESS_KEY_ID=${motoCredentials.accessKeyId}`,
    `AWS_SECRET_ACCESS_KEY=${motoCredentials.secretAccessKey}`,
    `AWS_REGION=${sandboxRegion}`,
    `AWS_DEFAULT_REGION=${sandboxRegion}`,
    // No instance metadata service here: do not let an SDK wait for one.
    'AWS_EC2_METADATA_DISABLED=true',
    '',
  ].join('\n');
}
