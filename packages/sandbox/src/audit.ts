import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxPaths } from './paths.js';

/**
 * The kube-apiserver's audit policy: every mutating request once, when its answer is complete, at
 * Metadata level. That is enough to prove a dry run: `dryRun=All` is part of the requestURI. Reads
 * and Events are left out (the bulk of the traffic, and no proof needs them).
 */
export const auditPolicyYaml = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    resources: [{ group: "", resources: [events] }, { group: events.k8s.io, resources: [events] }]
  - level: Metadata
    verbs: [create, update, patch, delete, deletecollection]
  - level: None
`;

/** Writes the audit policy; the apiserver refuses to start without the file it names. */
export async function writeAuditPolicy(paths: SandboxPaths): Promise<void> {
  await mkdir(dirname(paths.auditLog), { recursive: true });
  await writeFile(paths.auditPolicy, auditPolicyYaml);
}
