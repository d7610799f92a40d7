import { SimianError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { customKind, customObjectArguments } from './custom-object.js';
import { experimentAction, executeOne, kubeRef, kubeTargets } from './kube-object.js';

/** The dotted name experiments call. */
export const CREATE_CUSTOM_OBJECT = 'chaosk8s.crd.actions.create_custom_object';

const argumentsSchema = z.strictObject({
  ...customObjectArguments,
  /** The object's manifest (its kind, metadata.name and spec). */
  resource: z.record(z.string(), z.unknown()),
  /** The object's name. @default resource.metadata.name */
  name: z.string().min(1).nullish(),
});

/**
 * `chaosk8s.crd.actions.create_custom_object`, natively: creates the custom resource in `ns`
 * through the executor's `create` verb (ledger, kill switch, scope, protected, opt-out, dry-run).
 * Unlike chaostoolkit-kubernetes, an object that already exists fails the activity.
 * `resource_as_yaml_file` is not supported: give the manifest as `resource`.
 */
export const createCustomObject: PythonFunction<typeof argumentsSchema> = {
  description:
    'Creates a custom resource (a Chaos Mesh NetworkChaos, an Istio VirtualService) from its manifest, through the safety gate.',
  kind: 'action',
  arguments: argumentsSchema,
  permissions: [],
  verbs: ['*:create:*'],
  example: {
    type: 'action',
    name: 'inject-network-delay',
    provider: {
      type: 'python',
      module: 'chaosk8s.crd.actions',
      func: 'create_custom_object',
      arguments: {
        group: 'chaos-mesh.org',
        version: 'v1alpha1',
        plural: 'networkchaos',
        ns: 'storefront',
        resource: {
          kind: 'NetworkChaos',
          metadata: { name: 'web-delay' },
          spec: { action: 'delay' },
        },
      },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const { targets, scope } = kubeTargets(context, CREATE_CUSTOM_OBJECT);
    const kind = customKind(CREATE_CUSTOM_OBJECT, args, args.resource.kind);
    const metadata = (args.resource.metadata ?? {}) as { name?: unknown; labels?: unknown };
    const name = args.name ?? (typeof metadata.name === 'string' ? metadata.name : undefined);
    if (!name) {
      throw new SimianError(
        'INPUT_INVALID',
        `${CREATE_CUSTOM_OBJECT}: the resource has no metadata.name`,
        { hint: 'give resource.metadata.name or the name argument' },
      );
    }
    const resource = {
      ref: kubeRef(targets, scope, args.ns, kind, name),
      provider: 'kubernetes',
      kind,
      name,
      namespace: args.ns,
      context: scope,
      labels: (metadata.labels ?? {}) as Record<string, string>,
    };
    const outcome = await executeOne(
      CREATE_CUSTOM_OBJECT,
      targets,
      experimentAction(CREATE_CUSTOM_OBJECT, context, resource, 'create', {
        object: args.resource,
      }),
    );
    return outcome.output ?? {};
  },
};
