import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { rbacPermission, resourcePath } from '../kinds/kind.js';
import type { KubeObject } from '../kinds/kind.js';
import { defineVerb, dryRunQuery, type VerbContext } from './verb.js';

const stringMap = z.record(z.string().min(1), z.string());

/** `mark`: sets labels and annotations (a JSON merge patch), e.g. janitor's `marked-at`. */
export const markVerb = defineVerb({
  verb: 'mark',
  description:
    'Sets annotations and/or labels on the object with a JSON merge patch; other keys stay as they are.',
  params: z
    .strictObject({ annotations: stringMap.optional(), labels: stringMap.optional() })
    .refine(
      (p) => p.annotations !== undefined || p.labels !== undefined,
      'give annotations, labels or both',
    ),
  appliesTo: () => true,
  permissions: (kind) => [rbacPermission(kind, ['patch'])],
  run: (context, params) =>
    patchMetadata(context, 'mark', {
      ...(params.annotations ? { annotations: params.annotations } : {}),
      ...(params.labels ? { labels: params.labels } : {}),
    }),
});

/** `unmark`: removes label and annotation keys. */
export const unmarkVerb = defineVerb({
  verb: 'unmark',
  description:
    'Removes the given keys from the annotations and/or labels (a JSON merge patch with nulls).',
  params: z.strictObject({
    keys: z.array(z.string().min(1)).min(1),
    /** @default "both" */
    from: z.enum(['annotations', 'labels', 'both']).default('both'),
  }),
  appliesTo: () => true,
  permissions: (kind) => [rbacPermission(kind, ['patch'])],
  run: (context, params) => {
    const nulls = Object.fromEntries(params.keys.map((k) => [k, null]));
    return patchMetadata(context, 'unmark', {
      ...(params.from !== 'labels' ? { annotations: nulls } : {}),
      ...(params.from !== 'annotations' ? { labels: nulls } : {}),
    });
  },
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
