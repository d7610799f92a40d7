import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the cluster credentials came from, in chaostoolkit-kubernetes' words. */
export interface Chaosk8sCredentials {
  /** One line for the log and the report: which source was used. */
  source: string;
  /** The simian.yaml `targets.kubernetes` entry that reaches the same cluster. */
  target: Record<string, unknown>;
}

/**
 * The cluster an experiment reaches when no simian.yaml names a target, found as
 * chaostoolkit-kubernetes' `create_k8s_api_client` finds it, in its order:
 *
 * 1. a kubeconfig file: `$KUBECONFIG`, else `~/.kube/config` (context `$KUBERNETES_CONTEXT`);
 * 2. the pod's service account, when `CHAOSTOOLKIT_IN_POD=true`;
 * 3. `KUBERNETES_HOST` with `KUBERNETES_API_KEY` (and `KUBERNETES_API_KEY_PREFIX`), or
 *    `KUBERNETES_CERT_FILE` and `KUBERNETES_KEY_FILE`, or `KUBERNETES_USERNAME` and
 *    `KUBERNETES_PASSWORD`; `KUBERNETES_CA_CERT_FILE` verifies the server when
 *    `KUBERNETES_VERIFY_SSL` is set (chaostoolkit-kubernetes does not verify otherwise).
 *
 * The third is written as a kubeconfig (mode 0600) in a temporary folder, since Simian's
 * Kubernetes provider reads kubeconfigs (JSON is YAML). Undefined when none applies.
 */
export function chaosk8sCredentials(
  env: NodeJS.ProcessEnv = process.env,
): Chaosk8sCredentials | undefined {
  const kubeconfig = (env.KUBECONFIG || join(homedir(), '.kube', 'config')).replace(
    /^~(?=\/)/,
    homedir(),
  );
  const context = env.KUBERNETES_CONTEXT;
  if (existsSync(kubeconfig)) {
    return {
      source: `kubeconfig ${kubeconfig}${context ? ` (context ${context})` : ''}${env.KUBECONFIG ? ' from KUBECONFIG' : ''}`,
      target: { kubeconfig, ...(context ? { context } : {}) },
    };
  }
  if (env.CHAOSTOOLKIT_IN_POD === 'true') {
    return {
      source: "the pod's service account (CHAOSTOOLKIT_IN_POD=true)",
      target: { inCluster: true },
    };
  }
  const host = env.KUBERNETES_HOST;
  if (!host) return undefined;
  const verify = env.KUBERNETES_VERIFY_SSL !== undefined;
  const cluster: Record<string, unknown> = { server: host };
  if (verify && env.KUBERNETES_CA_CERT_FILE) {
    cluster['certificate-authority-data'] = readFileSync(env.KUBERNETES_CA_CERT_FILE).toString(
      'base64',
    );
  } else if (!verify) {
    cluster['insecure-skip-tls-verify'] = true;
  }
  const user: Record<string, unknown> = {};
  let how = 'no credentials';
  if (env.KUBERNETES_API_KEY !== undefined) {
    const prefix = env.KUBERNETES_API_KEY_PREFIX ?? 'Bearer';
    if (prefix !== 'Bearer') {
      throw new Error(
        `KUBERNETES_API_KEY_PREFIX "${prefix}" is not supported: Simian sends bearer tokens`,
      );
    }
    user.token = env.KUBERNETES_API_KEY;
    how = 'KUBERNETES_API_KEY';
  } else if (env.KUBERNETES_CERT_FILE !== undefined) {
    user['client-certificate-data'] = readFileSync(env.KUBERNETES_CERT_FILE).toString('base64');
    user['client-key-data'] = readFileSync(env.KUBERNETES_KEY_FILE ?? '').toString('base64');
    how = 'KUBERNETES_CERT_FILE and KUBERNETES_KEY_FILE';
  } else if (env.KUBERNETES_USERNAME !== undefined) {
    user.username = env.KUBERNETES_USERNAME;
    user.password = env.KUBERNETES_PASSWORD ?? '';
    how = 'KUBERNETES_USERNAME and KUBERNETES_PASSWORD';
  }
  const name = 'chaosk8s-env';
  const file = join(mkdtempSync(join(tmpdir(), 'simian-chaosk8s-')), 'kubeconfig');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name, cluster }],
      users: [{ name, user }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      'current-context': name,
    }),
    { mode: 0o600 },
  );
  return {
    source: `KUBERNETES_HOST ${host} with ${how}${verify ? ', verifying the server' : ', without verifying the server (KUBERNETES_VERIFY_SSL unset)'}`,
    target: { kubeconfig: file, name },
  };
}

/** A simian.yaml, in a temporary folder, whose only target is `credentials`. */
export function configForCredentials(credentials: Chaosk8sCredentials): string {
  const dir = mkdtempSync(join(tmpdir(), 'simian-experiment-'));
  const file = join(dir, 'simian.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      targets: { kubernetes: [credentials.target] },
      store: { path: join(dir, 'simian.db') },
    }),
  );
  return file;
}
