import { SimianError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import type { ChaosActivityContext } from './activity-targets.js';
import { experimentAction, executeOne, kubeRef, kubeTargets } from './kube-object.js';
import { manifestArgumentsSchema, manifestObjects } from './manifest.js';

/** The dotted name experiments call. */
export const APPLY_MANIFEST = 'simian.kubernetes.apply_manifest';

/**
 * `simian.kubernetes.apply_manifest`: creates each object of a manifest (a YAML file of one or
 * more documents, or an inline object) through the executor's `create` verb (ledger, kill
 * switch, scope, protected, opt-out, dry-run). An object that already exists fails the activity,
 * naming it; objects created before it stay. Returns `{created: [refs]}`.
 */
export const applyManifest: PythonFunction<typeof manifestArgumentsSchema> = {
  description:
    'Creates the objects of a Kubernetes manifest (a YAML file or an inline object), through the safety gate.',
  kind: 'action',
  arguments: manifestArgumentsSchema,
  permissions: [],
  verbs: ['*:create:*'],
  example: {
    type: 'action',
    name: 'add-a-noisy-neighbour',
    provider: {
      type: 'python',
      module: 'simian.kubernetes',
      func: 'apply_manifest',
      arguments: { path: 'chaos/noisy-neighbour.yaml', ns: 'storefront' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const fn = APPLY_MANIFEST;
    const { targets, scope } = kubeTargets(context, fn);
    const objects = await manifestObjects(fn, args, (o) =>
      kubeRef(targets, scope, o.namespace, o.kind, o.name),
    );
    const created: string[] = [];
    for (const o of objects) {
      const existing = await targets.inventory
        .provider('kubernetes')
        .read(o.ref, { signal: context.signal });
      if (existing) {
        throw new SimianError('TARGET_ERROR', `${fn}: ${o.ref} already exists`, {
          hint: 'delete it first (simian.kubernetes.delete_manifest), or leave it out of the manifest',
        });
      }
      const resource = {
        ref: o.ref,
        provider: 'kubernetes',
        kind: o.kind,
        name: o.name,
        namespace: o.namespace,
        context: scope,
        labels: o.labels,
      };
      await executeOne(
        fn,
        targets,
        experimentAction(fn, context, resource, 'create', { object: o.object }),
      );
      created.push(o.ref);
    }
    return { created };
  },
};
