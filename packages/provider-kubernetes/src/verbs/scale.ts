import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { rbacPermission, resourcePath } from '../kinds/kind.js';
import { defineVerb, dryRunQuery } from './verb.js';

interface Scale {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

/** `scale`: sets replicas through the scale subresource. */
export const scaleVerb = defineVerb({
  verb: 'scale',
  description:
    'Sets spec.replicas through the scale subresource (Deployments, ReplicaSets, StatefulSets, scalable custom resources).',
  params: z.strictObject({ replicas: z.int().min(0) }),
  appliesTo: (kind) => kind.scalable === true,
  permissions: (kind) => [rbacPermission(kind, ['get', 'patch'], 'scale')],
  async run({ cluster, kind, ref, dryRun, signal }, params) {
    const path = resourcePath(kind, {
      namespace: ref.namespace,
      name: ref.name,
      subresource: 'scale',
    });
    const op = {
      context: cluster.name,
      kind,
      namespace: ref.namespace,
      name: ref.name,
      subresource: 'scale',
      action: 'scale',
    };
    try {
      const before = await cluster.client.call<Scale>({
        method: 'GET',
        path,
        ...(signal ? { signal } : {}),
      });
      const after = await cluster.client.call<Scale>({
        method: 'PATCH',
        path,
        query: dryRunQuery(dryRun),
        contentType: 'application/merge-patch+json',
        body: { spec: { replicas: params.replicas } },
        ...(signal ? { signal } : {}),
      });
      return { from: before.spec?.replicas ?? 0, to: after.spec?.replicas ?? params.replicas };
    } catch (error) {
      throw explainKubeError(error, { ...op, rbacVerb: 'patch' }, 'action');
    }
  },
});
