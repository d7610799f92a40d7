import { existsSync, readFileSync } from 'node:fs';
import { TargetError } from '@simian/core';
import { KubeConfig } from '@kubernetes/client-node';
import { motoCredentials, sandboxRegion } from './aws-env.js';
import { sandboxPaths } from './paths.js';
import { parseSandboxState } from './state.js';

/** Where the sandbox's clients come from: a project folder, or explicit values (e.g. from `inject`). */
export interface SandboxClientOptions {
  /** @default process.cwd() */
  cwd?: string;
  /** A kubeconfig path to use instead of `<cwd>/.simian/sandbox/kubeconfig`. */
  kubeconfig?: string;
  /** A moto endpoint to use instead of the one in `<cwd>/.simian/sandbox/state.json`. */
  awsEndpoint?: string;
}

const notRunning = (what: string) =>
  new TargetError(`no sandbox is running here: ${what} does not exist`, {
    code: 'TARGET_UNREACHABLE',
    hint: 'Start one with `simian sandbox up` (tests start it through test/setup/sandbox.ts).',
  });

/** A `KubeConfig` loaded from the sandbox's admin kubeconfig (`system:masters`). */
export function sandboxKubeConfig(options: SandboxClientOptions = {}): KubeConfig {
  const file = options.kubeconfig ?? sandboxPaths(options.cwd).kubeconfig;
  if (!existsSync(file)) throw notRunning(file);
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/** The settings an AWS SDK v3 client needs to talk to the sandbox's moto server. */
export interface SandboxAwsClientConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** moto serves S3 on one host, so buckets go in the path. */
  forcePathStyle: true;
}

/**
 * Client settings for the sandbox's moto server:
 * `new EC2Client(sandboxAwsClientConfig())`, `new S3Client(sandboxAwsClientConfig())`.
 */
export function sandboxAwsClientConfig(options: SandboxClientOptions = {}): SandboxAwsClientConfig {
  let endpoint = options.awsEndpoint;
  if (endpoint === undefined) {
    const { stateFile } = sandboxPaths(options.cwd);
    if (!existsSync(stateFile)) throw notRunning(stateFile);
    endpoint = parseSandboxState(readFileSync(stateFile, 'utf8'), stateFile).awsEndpoint;
  }
  return {
    region: sandboxRegion,
    endpoint,
    credentials: { ...motoCredentials },
    forcePathStyle: true,
  };
}
