import { z } from 'zod';

/** One region (with its credentials) under `targets.aws`. */
export const awsScopeSchema = z
  .strictObject({
    /**
     * The scope name Simian uses in inventory keys and reports.
     * @default the region
     */
    name: z
      .string()
      .regex(/^[^\s]+$/, 'must not contain spaces')
      .optional(),
    /** The region, e.g. `eu-west-1`. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be a region name such as eu-west-1'),
    /**
     * A profile from ~/.aws/config and ~/.aws/credentials.
     * @default the AWS default credential chain (environment, AWS_PROFILE, SSO, web identity, instance role)
     */
    profile: z.string().min(1).optional(),
    /**
     * A role to assume with the credentials above (STS AssumeRole), e.g. into another account.
     * @default none
     */
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'must be an IAM role ARN')
      .optional(),
    /** The external id the role's trust policy asks for. @default none */
    externalId: z.string().min(1).optional(),
    /**
     * An endpoint for EC2, Auto Scaling, S3, SSM, STS and IAM alike (moto, LocalStack, an S3-compatible
     * store). S3 then uses path-style addressing.
     * @default $AWS_ENDPOINT_URL, else AWS's own endpoints
     */
    endpoint: z.url().optional(),
    /**
     * The account id, when known: saves the STS GetCallerIdentity call that finds it.
     * @default from STS GetCallerIdentity, once per scope
     */
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'must be 12 digits')
      .optional(),
    /**
     * The tag that names a resource's owner.
     * @default inventory.ownerLabel, else "owner"
     */
    ownerLabel: z.string().min(1).optional(),
    /**
     * Items per page where the API lets us choose (EC2 allows 5 to 1000).
     * @default inventory.pageSize, else 500 (clamped to what each API allows)
     */
    pageSize: z.int().min(1).max(10_000).optional(),
    /**
     * Requests in flight at once for per-item calls (S3 bucket details).
     * @default inventory.concurrency, else 8
     */
    concurrency: z.int().min(1).max(64).optional(),
    /**
     * Attempts per request, the first included (the SDK's adaptive retry mode).
     * @default 5
     */
    maxAttempts: z.int().min(1).max(20).default(5),
    /**
     * An SSM Parameter Store parameter in this region whose value `engaged` (or `true`) stops
     * every monkey before its next action, like the Kubernetes kill-switch ConfigMap. A missing
     * parameter means not engaged; one that cannot be read counts as engaged.
     * @default none
     */
    killSwitchParameter: z
      .string()
      .regex(/^[a-zA-Z0-9_.\-/]+$/, 'must be a parameter name such as /simian/kill-switch')
      .optional(),
  })
  .refine((s) => s.externalId === undefined || s.roleArn !== undefined, {
    message: 'externalId only makes sense with roleArn',
    path: ['externalId'],
  })
  .describe('One AWS region, with the credentials to use there.');

/**
 * `targets.aws` in simian.yaml: the regions (and accounts) Simian works on.
 *
 * @example
 * ```yaml
 * targets:
 *   aws:
 *     - region: eu-west-1
 *     - region: us-east-1
 *       roleArn: arn:aws:iam::210987654321:role/simian
 * ```
 */
export const awsTargetSchema = z
  .array(awsScopeSchema)
  .min(1)
  .describe('AWS regions: each entry is one scope.');

/** One parsed entry. */
export type AwsScopeConfig = z.output<typeof awsScopeSchema>;
/** The parsed `targets.aws`. */
export type AwsTargetConfig = z.output<typeof awsTargetSchema>;
