import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ConfigError } from '@simian/core';
import type { KubernetesContextConfig } from './target-schema.js';

/** A kubeconfig loaded for one target entry, and the scope name it goes by. */
export interface LoadedContext {
  scope: string;
  kubeConfig: KubeConfig;
  /** The kubeconfig user, for messages when the server does not tell who we are. */
  user: string | undefined;
}

const inClusterScope = 'in-cluster';

/**
 * Loads the kubeconfig a target entry names, the standard way: an explicit file (relative to
 * simian.yaml), else `$KUBECONFIG`, else `~/.kube/config`, else the in-cluster service account.
 * Fails at start-up, naming the entry, when the file or context does not exist.
 */
export function loadContext(
  entry: KubernetesContextConfig,
  index: number,
  configDir: string,
): LoadedContext {
  const path = `targets.kubernetes[${index}]`;
  const kc = new KubeConfig();
  if (entry.inCluster) {
    kc.loadFromCluster();
    return { scope: entry.name ?? inClusterScope, kubeConfig: kc, user: kc.getCurrentUser()?.name };
  }
  if (entry.kubeconfig !== undefined) {
    const file = isAbsolute(entry.kubeconfig)
      ? entry.kubeconfig
      : resolve(configDir, entry.kubeconfig);
    if (!existsSync(file)) {
      throw new ConfigError([
        { path: `${path}.kubeconfig`, message: `the file ${file} does not exist` },
      ]);
    }
    kc.loadFromFile(file);
  } else {
    kc.loadFromDefault();
    const cluster = kc.getCurrentCluster();
    // client-node's last resort is an unauthenticated localhost:8080: say what was tried instead.
    if (
      kc.getCurrentContext() === 'loaded-context' &&
      cluster?.server === 'http://localhost:8080'
    ) {
      throw new ConfigError([
        {
          path,
          message:
            'no kubeconfig found: KUBECONFIG is unset, ~/.kube/config does not exist, and this is not a pod with a service account',
        },
      ]);
    }
  }
  if (entry.context !== undefined) {
    if (!kc.getContextObject(entry.context)) {
      const known =
        kc
          .getContexts()
          .map((c) => c.name)
          .join(', ') || 'none';
      throw new ConfigError([
        {
          path: `${path}.context`,
          message: `the kubeconfig has no context "${entry.context}" (it has: ${known})`,
        },
      ]);
    }
    kc.setCurrentContext(entry.context);
  }
  const current = kc.getCurrentContext();
  const scope = entry.name ?? (current === 'inClusterContext' ? inClusterScope : current);
  if (!scope) {
    throw new ConfigError([
      { path: `${path}.context`, message: 'the kubeconfig has no current context: name one' },
    ]);
  }
  return { scope, kubeConfig: kc, user: kc.getCurrentUser()?.name };
}
