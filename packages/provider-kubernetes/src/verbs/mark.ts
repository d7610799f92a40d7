import { markParamsSchema, unmarkParamsSchema } from '@simian/core';
import { explainKubeError } from '../errors.js';
import { rbacPermission, resourcePath } from '../kinds/kind.js';
import type { KubeObject } from '../kinds/kind.js';
import { defineVerb, dryRunQuery, type VerbContext } from './verb.js';

/**
 * `mark`: sets marks (the lifecycle's state on a resource, e.g. janitor's `marked-at`). On
 * Kubernetes they are annotations, which take any value (labels would refuse an ISO time), and
 * `Resource.marks` reads them back.
 */
export const markVerb = defineVerb({
  verb: 'mark',
  description:
    'Sets the marks (params.marks) as annotations with a JSON merge patch; other keys stay as they are.',
  params: markParamsSchema,
  appliesTo: () => true,
  permissions: (kind) => [rbacPermission(kind, ['patch'])],
  run: (context, params) => patchMetadata(context, 'mark', { annotations: params.marks }),
});

/** `unmark`: removes marks, i.e. those annotation keys. */
export const unmarkVerb = defineVerb({
  verb: 'unmark',
  description:
    'Removes the marks named in params.keys from the annotations (a JSON merge patch with nulls).',
  params: unmarkParamsSchema,
  appliesTo: () => true,
  permissions: (kind) => [rbacPermission(kind, ['patch'])],
  run: (context, params) =>
    patchMetadata(context, 'unmark', {
      annotations: Object.fromEntries(params.keys.map((k) => [k, null])),
    }),
});

async function patchMetadata(
  { cluster, kind, ref, dryRun, signal }: VerbContext,
  action: string,
  metadata: Record<string, Record<string, string | null>>,
): Promise<Record<string, unknown>> {
  try {
    const patched = await cluster.client.call<KubeObject>({
      method: 'PATCH',
      path: resourcePath(kind, { namespace: ref.namespace, name: ref.name }),
      query: dryRunQuery(dryRun),
      contentType: 'application/merge-patch+json',
      body: { metadata },
      ...(signal ? { signal } : {}),
    });
    return {
      annotations: patched.metadata?.annotations ?? {},
      labels: patched.metadata?.labels ?? {},
    };
  } catch (error) {
    throw explainKubeError(
      error,
      {
        context: cluster.name,
        rbacVerb: 'patch',
        kind,
        namespace: ref.namespace,
        name: ref.name,
        action,
      },
      'action',
    );
  }
}
