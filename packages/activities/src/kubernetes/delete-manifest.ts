import type { PythonFunction } from '@simian/experiments';
import type { ChaosActivityContext } from './activity-targets.js';
import { actOnObject, kubeRef, kubeTargets } from './kube-object.js';
import { manifestArgumentsSchema, manifestObjects } from './manifest.js';

/** The dotted name experiments call. */
export const DELETE_MANIFEST = 'simian.kubernetes.delete_manifest';

/**
 * `simian.kubernetes.delete_manifest`: deletes each object of a manifest (the same arguments as
 * `apply_manifest`), last first, through the executor's `delete` verb. An object that does not
 * exist fails the activity, naming it. Returns `{deleted: [refs]}`.
 */
export const deleteManifest: PythonFunction<typeof manifestArgumentsSchema> = {
  description:
    'Deletes the objects of a Kubernetes manifest (a YAML file or an inline object), through the safety gate.',
  kind: 'action',
  arguments: manifestArgumentsSchema,
  permissions: [],
  verbs: ['*:delete:*'],
  example: {
    type: 'action',
    name: 'remove-the-noisy-neighbour',
    provider: {
      type: 'python',
      module: 'simian.kubernetes',
      func: 'delete_manifest',
      arguments: { path: 'chaos/noisy-neighbour.yaml', ns: 'storefront' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const fn = DELETE_MANIFEST;
    const { targets, scope } = kubeTargets(context, fn);
    const objects = await manifestObjects(fn, args, (o) =>
      kubeRef(targets, scope, o.namespace, o.kind, o.name),
    );
    const deleted: string[] = [];
    for (const o of objects.reverse()) {
      await actOnObject(fn, context, o.ref, 'delete', {});
      deleted.push(o.ref);
    }
    return { deleted };
  },
};
