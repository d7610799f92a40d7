import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { apiVersionOf, rbacPermission, resourcePath, type KubeObject } from '../kinds/kind.js';
import { buildRef } from '../ref.js';
import { defineVerb, dryRunQuery, type VerbContext } from './verb.js';

/**
 * `create`: creates an object: a custom resource (a Chaos Mesh `NetworkChaos`, an Istio
 * `VirtualService`) or a built-in one (a ConfigMap, a Deployment, from a manifest). The action's ref names the object to create; `params.object` is its manifest, whose kind,
 * name and namespace may be left out (the ref fills them in) but may not contradict it.
 */
export const createVerb = defineVerb({
  verb: 'create',
  description:
    "Creates the object given in params.object (a custom resource, or a built-in kind) at the action's ref (kind, namespace and name come from the ref).",
  params: z.strictObject({ object: z.record(z.string(), z.unknown()) }),
  appliesTo: () => true,
  permissions: (kind) => [rbacPermission(kind, ['create'])],
  run: (context, params) => createObject(context, params.object as KubeObject),
});

/**
 * Creates `given` at the context's ref (kind, namespace and name come from the ref; the object
 * may leave them out but may not contradict them). `create` and `inject-fault` both use it.
 */
export async function createObject(
  { cluster, kind, ref, dryRun, signal }: VerbContext,
  given: KubeObject,
): Promise<Record<string, unknown>> {
  const object: KubeObject = {
    ...given,
    apiVersion: apiVersionOf(kind),
    kind: kind.apiKind,
    metadata: {
      ...given.metadata,
      name: ref.name,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
    },
  };
  const mismatch = [
    ['apiVersion', given.apiVersion, object.apiVersion],
    ['kind', given.kind, object.kind],
    ['metadata.name', given.metadata?.name, ref.name],
    ['metadata.namespace', given.metadata?.namespace, ref.namespace],
  ].find(([, was, want]) => was !== undefined && was !== want);
  if (mismatch) {
    throw new ActionFailedError(
      `kubernetes (context ${cluster.name}): params.object.${mismatch[0]} is "${mismatch[1]}" but the action's ref says "${mismatch[2]}"`,
      { hint: 'leave the field out, or make the ref and the object agree' },
    );
  }
  try {
    const created = await cluster.client.call<KubeObject>({
      method: 'POST',
      path: resourcePath(kind, { namespace: ref.namespace }),
      query: dryRunQuery(dryRun),
      body: object,
      ...(signal ? { signal } : {}),
    });
    return { created: buildRef(ref), uid: created.metadata?.uid ?? null };
  } catch (error) {
    throw explainKubeError(
      error,
      {
        context: cluster.name,
        rbacVerb: 'create',
        kind,
        namespace: ref.namespace,
        name: ref.name,
      },
      'action',
    );
  }
}
