import { TargetError } from '@simian/core';
import { sandboxAwsClientConfig, sandboxKubeConfig } from './clients.js';
import { httpCall } from './http.js';
import { quiet, type SandboxOptions } from './options.js';
import { seedAws, type AwsSeedResult } from './seed-aws.js';
import { applySeedObjects, describeObject, readSeedManifests } from './seed-kubernetes.js';
import { waitForSeedSettled } from './seed-settle.js';

/** Options of {@link seedSandbox}. */
export interface SeedOptions extends SandboxOptions {
  /**
   * Seed the cluster from `packages/sandbox/seed/kubernetes/*.yaml`.
   * @default true
   */
  kubernetes?: boolean;
  /**
   * Seed moto with the estate of `src/aws-estate.ts`.
   * @default true
   */
  aws?: boolean;
  /**
   * Wait until the workloads are ready, the Jobs finished and the claims bound.
   * @default true
   */
  wait?: boolean;
}

/** What {@link seedSandbox} did. */
export interface SeedResult {
  /** `Kind namespace/name` of every object applied. */
  kubernetes: string[];
  aws?: AwsSeedResult;
}

/**
 * Creates the demo estate in the running sandbox, or brings it back to the seeded state: safe to
 * run again (server-side apply for Kubernetes; look-up by tag or name before create for AWS).
 */
export async function seedSandbox(options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? quiet;
  const result: SeedResult = { kubernetes: [] };
  const settling: Promise<void>[] = [];
  if (options.kubernetes ?? true) {
    const kc = sandboxKubeConfig(options);
    const objects = await readSeedManifests();
    await applySeedObjects(kc, objects, log);
    result.kubernetes = objects.map(describeObject);
    if (options.wait ?? true) {
      log(
        'seed: kubernetes: waiting for Deployments, StatefulSets and pods to be ready and Jobs to finish',
      );
      // Settling takes seconds of controller work (the failing Job's deadline): seed AWS meanwhile.
      const settled = waitForSeedSettled(kc, objects).then(() => log('seed: kubernetes: settled'));
      settled.catch(() => undefined); // handled below, after AWS; not an unhandled rejection meanwhile
      settling.push(settled);
    }
  }
  try {
    if (options.aws ?? true) result.aws = await seedAws(sandboxAwsClientConfig(options), log);
  } finally {
    await Promise.all(settling);
  }
  return result;
}

/**
 * Empties moto (`POST /moto-api/reset`): every EC2, Auto Scaling and S3 resource is gone. Tests
 * call it between files, then seed again if they need the estate.
 */
export async function resetMoto(
  options: SandboxOptions & { awsEndpoint?: string } = {},
): Promise<void> {
  const { endpoint } = sandboxAwsClientConfig(options);
  const answer = await httpCall(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (answer.status !== 200) {
    throw new TargetError(
      `moto did not reset: ${endpoint}/moto-api/reset answered ${answer.status}`,
      {
        hint: 'Check `simian sandbox status`.',
      },
    );
  }
  options.log?.('moto: reset');
}
