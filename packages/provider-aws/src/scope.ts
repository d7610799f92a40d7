import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Logger } from '@simian/core';
import { partitionOf } from './arn.js';
import { assumeRoleCredentials } from './credentials.js';
import { explainAwsError } from './errors.js';
import { Semaphore } from '@simian/core';
import type { AwsScopeConfig } from './target-schema.js';

/** Inventory settings from simian.yaml's `inventory` section, overridable per scope. */
export interface AwsInventorySettings {
  /** @default 500 */
  pageSize: number;
  /** @default "owner" */
  ownerLabel: string;
  /** @default 8 */
  concurrency: number;
}

/** The defaults of {@link AwsInventorySettings}, the same as core's `inventory` section. */
export const defaultAwsInventorySettings: AwsInventorySettings = {
  pageSize: 500,
  ownerLabel: 'owner',
  concurrency: 8,
};

/** Requests the provider made (each attempt counts), for `simian doctor` and benchmarks. */
export interface AwsRequestStats {
  requests: number;
}

interface HasMiddleware {
  middlewareStack: {
    add: (middleware: never, options: { step: 'deserialize'; name: string }) => void;
  };
}

/** Counts every attempt: the deserialize step runs once per try, inside the SDK's retry loop. */
function countRequests(client: HasMiddleware, stats: AwsRequestStats): void {
  const middleware = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    stats.requests++;
    return next(args);
  };
  client.middlewareStack.add(middleware as never, {
    step: 'deserialize',
    name: 'simianRequestCounter',
  });
}

/** One region with its credentials: the SDK clients, the account, the settings. One scope. */
export class AwsScope {
  readonly name: string;
  readonly region: string;
  readonly partition: string;
  readonly config: AwsScopeConfig;
  readonly settings: AwsInventorySettings;
  readonly endpoint: string | undefined;
  readonly ec2: EC2Client;
  readonly s3: S3Client;
  readonly autoscaling: AutoScalingClient;
  readonly sts: STSClient;
  readonly iam: IAMClient;
  /** Only for the kill-switch parameter. */
  readonly ssm: SSMClient;
  /** Bounds per-item calls (S3 bucket details, batch deletes). */
  readonly semaphore: Semaphore;
  #account: Promise<{ account: string; arn: string | undefined }> | undefined;
  #knownAccount: string | undefined;

  constructor(
    config: AwsScopeConfig,
    inventory: AwsInventorySettings,
    shared: { stats: AwsRequestStats; logger: Logger; env?: NodeJS.ProcessEnv },
  ) {
    this.config = config;
    this.name = config.name ?? config.region;
    this.region = config.region;
    this.partition = partitionOf(config.region);
    this.settings = {
      pageSize: config.pageSize ?? inventory.pageSize,
      ownerLabel: config.ownerLabel ?? inventory.ownerLabel,
      concurrency: config.concurrency ?? inventory.concurrency,
    };
    this.endpoint = config.endpoint ?? (shared.env ?? process.env).AWS_ENDPOINT_URL ?? undefined;
    const credentials = config.roleArn
      ? assumeRoleCredentials({
          roleArn: config.roleArn,
          externalId: config.externalId,
          region: config.region,
          endpoint: this.endpoint,
          profile: config.profile,
        })
      : undefined;
    const common = {
      region: config.region,
      retryMode: 'adaptive',
      maxAttempts: config.maxAttempts,
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
      ...(config.profile && !credentials ? { profile: config.profile } : {}),
      ...(credentials ? { credentials } : {}),
    };
    this.ec2 = new EC2Client(common);
    this.s3 = new S3Client({ ...common, ...(this.endpoint ? { forcePathStyle: true } : {}) });
    this.autoscaling = new AutoScalingClient(common);
    this.sts = new STSClient(common);
    this.iam = new IAMClient(common);
    this.ssm = new SSMClient(common);
    for (const client of this.#clients()) {
      countRequests(client as unknown as HasMiddleware, shared.stats);
    }
    this.semaphore = new Semaphore(this.settings.concurrency);
    if (config.accountId)
      this.#account = Promise.resolve({ account: config.accountId, arn: undefined });
    this.#knownAccount = config.accountId;
  }

  /** The account id if it is known without asking: from the config, or an earlier answer. */
  knownAccount(): string | undefined {
    return this.#knownAccount;
  }

  /** The account id: from the config, else STS GetCallerIdentity (once). */
  async account(): Promise<string> {
    return (await this.#identity()).account;
  }

  /** Who we are here (STS GetCallerIdentity), asked fresh. */
  async callerIdentity(): Promise<{ account: string; arn: string }> {
    try {
      const who = await this.sts.send(new GetCallerIdentityCommand({}));
      return { account: who.Account ?? '', arn: who.Arn ?? '' };
    } catch (error) {
      throw explainAwsError(
        error,
        {
          scope: this,
          call: 'GetCallerIdentity',
          what: 'the caller identity',
          iamActions: ['sts:GetCallerIdentity'],
        },
        'target',
      );
    }
  }

  close(): void {
    for (const client of this.#clients()) client.destroy();
  }

  #clients() {
    return [this.ec2, this.s3, this.autoscaling, this.sts, this.iam, this.ssm];
  }

  #identity(): Promise<{ account: string; arn: string | undefined }> {
    if (!this.#account) {
      this.#account = this.callerIdentity();
      this.#account.then(
        (who) => (this.#knownAccount = who.account),
        () => undefined,
      );
      // Not cached when it fails: the next listing asks again.
      this.#account.catch(() => {
        this.#account = undefined;
      });
    }
    return this.#account;
  }
}
