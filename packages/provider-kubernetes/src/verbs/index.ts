import type { VerbDescriptor } from '@simian/core';
import { builtinKinds } from '../kinds/builtin-kinds.js';
import { faultCustomKinds } from '../kinds/fault-custom-kinds.js';
import { createVerb } from './create.js';
import { deleteVerb } from './delete.js';
import { evictVerb } from './evict.js';
import { injectFaultVerb } from './inject-fault.js';
import { removeFaultVerb } from './remove-fault.js';
import { killContainerVerb } from './kill-container.js';
import { markVerb, unmarkVerb } from './mark.js';
import { patchVerb } from './patch.js';
import { scaleVerb } from './scale.js';
import type { KubeVerb } from './verb.js';

/** Every verb the Kubernetes provider carries out. */
export const kubeVerbs: readonly KubeVerb[] = [
  evictVerb,
  deleteVerb,
  scaleVerb,
  markVerb,
  unmarkVerb,
  killContainerVerb,
  createVerb,
  patchVerb,
  injectFaultVerb,
  removeFaultVerb,
] as KubeVerb[];

const byName = new Map(kubeVerbs.map((v) => [v.verb, v]));

/** A verb by name, or undefined. */
export const kubeVerb = (verb: string): KubeVerb | undefined => byName.get(verb);

/**
 * One descriptor per verb and built-in kind it applies to, so `simian doctor` and the Helm chart
 * can grant exactly `delete` on `jobs` without granting it on `pods`. Of custom resources, only the
 * kinds Simian's faults live on are listed (`faultCustomKinds`); for any other the plural comes from
 * discovery: ask `KubernetesProvider.permissionsFor`.
 */
export function kubeVerbDescriptors(): VerbDescriptor[] {
  return kubeVerbs.flatMap((v) =>
    [...builtinKinds, ...faultCustomKinds]
      .filter((k) => v.appliesTo(k))
      .map((k) => ({
        verb: v.verb,
        kinds: [k.kind],
        permissions: v.permissions(k),
        description: v.description,
        params: v.params,
        dryRun: '`dryRun=All`: validated and admitted, nothing persisted',
        ...(v.recoveredBy ? { recoveredBy: v.recoveredBy } : {}),
      })),
  );
}
