import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SimianError, TargetError } from '@simian/core';
import { clientSubject, issueClientCert, pkiLayout } from './certs.js';
import { writeKubeconfig } from './kubeconfig-files.js';
import type { SandboxOptions } from './options.js';
import { sandboxPaths } from './paths.js';
import { readSandboxState } from './state.js';

/** Who to mint. */
export interface MintIdentityOptions extends SandboxOptions {
  /** The user name (the certificate's CN), e.g. `jane` or `simian-janitor`. */
  name: string;
  /**
   * The groups (the certificate's O fields). RBAC bindings may name them.
   * @default []
   */
  groups?: string[];
}

/** A minted identity. */
export interface SandboxIdentity {
  name: string;
  groups: string[];
  /** A kubeconfig that authenticates as this identity. */
  kubeconfig: string;
}

/**
 * Mints a new identity for the running sandbox: a client certificate signed by its CA for `name`
 * in `groups`, and a kubeconfig for it under `.simian/sandbox/identities/`. The identity has no
 * permissions until something binds a Role or ClusterRole to it (RBAC denies by default).
 */
export async function mintIdentity(options: MintIdentityOptions): Promise<SandboxIdentity> {
  const groups = options.groups ?? [];
  clientSubject(options.name, groups); // throws on names that are no user name (or no folder name)
  if (options.name.startsWith('.')) {
    throw new SimianError('INPUT_INVALID', `"${options.name}" cannot be an identity name`, {
      hint: 'Start it with a letter or digit.',
    });
  }
  const paths = sandboxPaths(options.cwd);
  const state = await readSandboxState(options);
  if (!state) {
    throw new TargetError(`no sandbox is running in ${paths.root}`, {
      code: 'TARGET_UNREACHABLE',
      hint: 'Start one with `simian sandbox up` first.',
    });
  }
  const pki = pkiLayout(paths.pki);
  const dir = join(paths.identities, options.name);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pair = await issueClientCert(
    pki,
    { cert: join(dir, 'client.crt'), key: join(dir, 'client.key') },
    options.name,
    groups,
  );
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, pki.ca.cert, pair, options.name, state.apiserverUrl);
  options.log?.(
    `identity: ${options.name} (groups: ${groups.join(', ') || 'none'}) -> ${kubeconfig}`,
  );
  return { name: options.name, groups, kubeconfig };
}
