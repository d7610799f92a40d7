import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { rbacPermission, resourcePath, type KindInfo, type KubeObject } from '../kinds/kind.js';
import { buildRef } from '../ref.js';
import { defineVerb, dryRunQuery } from './verb.js';

/** The content type of each patch type the verb sends. */
export const PATCH_CONTENT_TYPES = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
} as const;

/**
 * The patch type to send: the one asked for, else strategic for built-in kinds (a container list
 * is merged by name) and merge for custom resources, which the API serves no strategic patch for.
 */
export function patchTypeFor(
  kind: Pick<KindInfo, 'custom'>,
  asked: 'merge' | 'strategic' | 'json' | undefined,
): 'merge' | 'strategic' | 'json' {
  return asked ?? (kind.custom ? 'merge' : 'strategic');
}

/**
 * `patch`: changes an object with a JSON merge patch or a strategic merge patch (a Deployment's
 * image, a restart annotation on its pod template). Returns the object's resourceVersion and
 * generation after the patch (in dry-run, what they would be).
 */
export const patchVerb = defineVerb({
  verb: 'patch',
  description:
    'Patches the object with params.patch: a strategic merge patch (default for built-in kinds), a JSON merge patch (type: merge; the default for custom resources), or a JSON Patch list of operations (type: json).',
  params: z
    .strictObject({
      /** A mapping (merge and strategic patches) or a list of operations (a JSON Patch). */
      patch: z.union([
        z.record(z.string(), z.unknown()),
        z.array(z.record(z.string(), z.unknown())),
      ]),
      /** @default "strategic" for built-in kinds, "merge" for custom resources */
      type: z.enum(['merge', 'strategic', 'json']).optional(),
    })
    .refine((p) => Array.isArray(p.patch) === (p.type === 'json'), {
      message: 'a JSON Patch (type: json) is a list of operations; other patches are mappings',
      path: ['patch'],
    }),
  appliesTo: () => true,
  permissions: (kind) => [rbacPermission(kind, ['patch'])],
  async run({ cluster, kind, ref, dryRun, signal }, params) {
    const type = patchTypeFor(kind, params.type);
    if (type === 'strategic' && kind.custom) {
      throw new ActionFailedError(
        `kubernetes (context ${cluster.name}): cannot patch ${buildRef(ref)} with a strategic merge patch: ${kind.kind} is a custom resource`,
        { hint: 'use type: merge for custom resources' },
      );
    }
    try {
      const patched = await cluster.client.call<KubeObject>({
        method: 'PATCH',
        path: resourcePath(kind, { namespace: ref.namespace, name: ref.name }),
        query: dryRunQuery(dryRun),
        contentType: PATCH_CONTENT_TYPES[type],
        body: params.patch,
        ...(signal ? { signal } : {}),
      });
      return {
        patched: buildRef(ref),
        type,
        resourceVersion: patched.metadata?.resourceVersion ?? null,
        generation: patched.metadata?.generation ?? null,
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
          action: 'patch',
        },
        'action',
      );
    }
  },
});
