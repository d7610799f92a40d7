import { SimianError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { actOnObject, kubeRef, kubeTargets, readObject } from './kube-object.js';

/** The dotted names experiments call: chaostoolkit-kubernetes' own, and its older alias. */
export const UPDATE_IMAGE = 'chaosk8s.deployment.actions.update_image';
export const SET_DEPLOYMENT_IMAGE = 'chaosk8s.deployment.actions.set_deployment_image';

const argumentsSchema = z
  .strictObject({
    /** The Deployment. */
    name: z.string().min(1).nullish(),
    /** The same as `name`: the name chaostoolkit-kubernetes' rollout-rollback branch used. */
    deployment_name: z.string().min(1).nullish(),
    image: z.string().min(1),
    /** The container to change. @default the Deployment's only container */
    container: z.string().min(1).nullish(),
    /** The same as `container` (the name chaostoolkit-kubernetes' older function used). */
    container_name: z.string().min(1).nullish(),
    /** @default "default" */
    ns: z.string().min(1).default('default'),
  })
  .refine((a) => (a.name == null) !== (a.deployment_name == null), {
    message: 'give the Deployment as name (or deployment_name), once',
    path: ['name'],
  });

const updateImageFor = (fn: string): PythonFunction<typeof argumentsSchema> => ({
  description:
    "Sets the image of one container of a Deployment's pod template (a strategic merge patch), through the safety gate; the Deployment rolls out.",
  kind: 'action',
  arguments: argumentsSchema,
  permissions: [{ kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['get', 'patch'] }],
  verbs: ['kubernetes:patch:Deployment'],
  example: {
    type: 'action',
    name: 'break-the-web-image',
    provider: {
      type: 'python',
      module: 'chaosk8s.deployment.actions',
      func: fn.split('.').pop()!,
      arguments: { name: 'web', image: 'nginx:does-not-exist', container: 'web', ns: 'storefront' },
    },
  },
  async run(given, context: ChaosActivityContext) {
    const args = { ...given, name: (given.name ?? given.deployment_name)! };
    const { targets, scope } = kubeTargets(context, fn);
    const ref = kubeRef(targets, scope, args.ns, 'Deployment', args.name);
    // The patch names the container and the new image only, so the view's list is all it needs.
    const containers =
      (await readObject(context, targets, ref, fn)).views?.workload?.containers ?? [];
    const wanted = args.container ?? args.container_name;
    const container = wanted
      ? containers.find((c) => c.name === wanted)
      : containers.length === 1
        ? containers[0]
        : undefined;
    if (!container) {
      throw new SimianError(
        'INPUT_INVALID',
        wanted
          ? `${fn}: Deployment ${args.ns}/${args.name} has no container "${wanted}"`
          : `${fn}: Deployment ${args.ns}/${args.name} has ${containers.length} containers; say which`,
        { hint: `its containers: ${containers.map((c) => c.name).join(', ') || 'none'}` },
      );
    }
    const outcome = await actOnObject(fn, context, ref, 'patch', {
      type: 'strategic',
      patch: {
        spec: {
          template: { spec: { containers: [{ name: container.name, image: args.image }] } },
        },
      },
    });
    return {
      container: container.name,
      from: container.image ?? null,
      to: args.image,
      ...outcome.output,
    };
  },
});

/** `chaosk8s.deployment.actions.update_image`, natively. */
export const updateImage = updateImageFor(UPDATE_IMAGE);
/** `chaosk8s.deployment.actions.set_deployment_image`: the same function under its other name. */
export const setDeploymentImage = updateImageFor(SET_DEPLOYMENT_IMAGE);
