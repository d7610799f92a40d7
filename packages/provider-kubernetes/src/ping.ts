import type { KubeCluster } from './cluster.js';
import { explainKubeError } from './errors.js';

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

/** Whether the context answers, its version, and who we are there (SelfSubjectReview). */
export async function pingCluster(
  cluster: KubeCluster,
): Promise<{ ok: boolean; identity?: string; detail?: string }> {
  let version: { gitVersion?: string };
  try {
    version = await cluster.client.call({ method: 'GET', path: '/version' });
  } catch (error) {
    const explained = explainKubeError(
      error,
      {
        context: cluster.name,
        rbacVerb: 'get',
        kind: { group: '', plural: 'version', kind: 'version', namespaced: false },
      },
      'target',
    );
    return {
      ok: false,
      ...(cluster.user ? { identity: cluster.user } : {}),
      detail: explained.describe(),
    };
  }
  let identity = cluster.user;
  try {
    const review = await cluster.client.call<SelfSubjectReview>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    const user = review.status?.userInfo;
    if (user?.username)
      identity = `${user.username}${user.groups?.length ? ` (groups: ${user.groups.join(', ')})` : ''}`;
  } catch {
    // Servers before 1.28 lack SelfSubjectReview: the kubeconfig's user name is the best we have.
  }
  return {
    ok: true,
    ...(identity ? { identity } : {}),
    detail: `Kubernetes ${version.gitVersion ?? 'of unknown version'} at ${cluster.client.connection.server.origin}`,
  };
}
