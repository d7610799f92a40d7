import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxPaths } from './paths.js';

/**
 * Removes a sandbox's state, certificates, identities and etcd data. The logs stay, for the
 * post-mortem of a failed run; each start overwrites them.
 */
export async function removeSandboxFiles(paths: SandboxPaths): Promise<void> {
  const files = [
    paths.stateFile,
    paths.kubeconfig,
    paths.awsEnv,
    paths.pki,
    paths.identities,
    paths.etcdData,
    dirname(paths.auditLog),
    paths.motoRecording,
  ];
  await Promise.all(files.map((p) => rm(p, { recursive: true, force: true })));
}
