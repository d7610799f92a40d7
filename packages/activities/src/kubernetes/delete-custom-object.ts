import type { PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { customKind, customObjectArguments, KIND_NEEDED, needsKnownKind } from './custom-object.js';
import { actOnObject, kubeRef, kubeTargets } from './kube-object.js';

/** The dotted name experiments call. */
export const DELETE_CUSTOM_OBJECT = 'chaosk8s.crd.actions.delete_custom_object';

const argumentsSchema = z
  .strictObject({
    ...customObjectArguments,
    name: z.string().min(1),
  })
  .refine(needsKnownKind, KIND_NEEDED);

/**
 * `chaosk8s.crd.actions.delete_custom_object`, natively: deletes the custom resource through the
 * executor's `delete` verb. The kind comes from `kind`, else from the plural for the custom
 * resources Simian knows (Chaos Mesh, Istio, Litmus); for any other, validation asks for `kind`.
 */
export const deleteCustomObject: PythonFunction<typeof argumentsSchema> = {
  description:
    'Deletes a custom resource by group, version, kind and name, through the safety gate.',
  kind: 'action',
  arguments: argumentsSchema,
  permissions: [],
  verbs: ['*:delete:*'],
  example: {
    type: 'action',
    name: 'remove-network-delay',
    provider: {
      type: 'python',
      module: 'chaosk8s.crd.actions',
      func: 'delete_custom_object',
      arguments: {
        group: 'chaos-mesh.org',
        version: 'v1alpha1',
        plural: 'networkchaos',
        kind: 'NetworkChaos',
        name: 'web-delay',
        ns: 'storefront',
      },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const { targets, scope } = kubeTargets(context, DELETE_CUSTOM_OBJECT);
    const kind = customKind(DELETE_CUSTOM_OBJECT, args);
    const ref = kubeRef(targets, scope, args.ns, kind, args.name);
    const outcome = await actOnObject(DELETE_CUSTOM_OBJECT, context, ref, 'delete', {});
    return outcome.output ?? {};
  },
};
