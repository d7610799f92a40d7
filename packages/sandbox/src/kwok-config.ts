import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxPaths } from './paths.js';

/**
 * kwok's own config. No stages, so kwok's built-in ones apply; one ClusterLogs that gives every
 * container of every pod the same log file, so `pods/log` (and chaosk8s' `read_pod_logs`) returns
 * something real through the apiserver and kwok's kubelet server. A `--config` is always passed:
 * a user's ~/.kwok/kwok.yaml must not change the sandbox.
 */
export function kwokConfiguration(paths: Pick<SandboxPaths, 'containerLog'>): string {
  return `apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokConfiguration
options: {}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: simian-sandbox-containers
spec:
  logs:
    - logsFile: ${JSON.stringify(paths.containerLog)}
      follow: false
`;
}

/** One line of a container log as a kubelet stores it (CRI format), for `at`. */
export const criLogLine = (
  at: Date,
  line: string,
  stream: 'stdout' | 'stderr' = 'stdout',
): string => `${at.toISOString()} ${stream} F ${line}\n`;

/** Writes the log every sandbox container starts with, replacing the previous sandbox's. */
export async function writeContainerLog(
  paths: Pick<SandboxPaths, 'containerLog'>,
  now = new Date(),
): Promise<void> {
  await mkdir(dirname(paths.containerLog), { recursive: true });
  await writeFile(
    paths.containerLog,
    criLogLine(now, 'simian sandbox: container started') +
      criLogLine(now, 'simian sandbox: ready to serve'),
  );
}
