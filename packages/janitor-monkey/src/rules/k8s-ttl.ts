import { z } from 'zod';
import { DEFAULT_KUBE_JANITOR_RESOURCES, kindOfResource } from '../kube-janitor/resources.js';
import { TTL_KEY } from '../kube-janitor/ttl.js';
import { expiryKeysOf, judgeExpiry } from './expiry.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-ttl';

/** The kinds of the resources a config names (plurals, or `group/version/Kind`). */
export const kindsOfResources = (resources: readonly string[]): string[] => [
  ...new Set(resources.map((r) => kindOfResource(r)).filter((k): k is string => !!k)),
];

const resources = z
  .array(z.string().min(1))
  .default(DEFAULT_KUBE_JANITOR_RESOURCES)
  .describe(
    'The resource types whose janitor/ttl and janitor/expires annotations count, as kube-janitor names them (plurals: deployments, configmaps, namespaces, ...), or a custom resource as group/version/Kind.',
  );

/** kube-janitor's annotations: `janitor/ttl` and `janitor/expires`. */
export const k8sTtl = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: kindsOfResources(DEFAULT_KUBE_JANITOR_RESOURCES),
  title: 'kube-janitor annotations (janitor/ttl, janitor/expires)',
  description:
    "An object (of the `resources` types) or a namespace whose `janitor/ttl` (s, m, h, d, w, counted from its creation, or from `deploymentTimeAnnotation` when that is later) or `janitor/expires` (YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DDTHH:MM or YYYY-MM-DD, UTC) has come, read exactly as kube-janitor reads them. `janitor/ttl: forever` keeps a resource from every janitor rule. Unlike kube-janitor, an object a controller owns (a ReplicaSet that inherited its Deployment's annotation) is left to go with its owner. Simian marks it and tells the owner `gracePeriod` before it expires (kube-janitor's --delete-notification), and deletes it once it has expired; one already expired when first seen is marked now and deleted on the next run. `after` is not used: the annotation decides.",
  reads: kindsOfResources(DEFAULT_KUBE_JANITOR_RESOURCES),
  clock: 'api',
  configSchema: ruleConfigSchema(
    ID,
    { after: '0s' },
    {
      resources,
      deploymentTimeAnnotation: z
        .string()
        .min(1)
        .optional()
        .describe(
          "An annotation holding the time the object was last deployed (YYYY-MM-DDTHH:MM:SSZ): a TTL counts from it when it is later than the creation (kube-janitor's --deployment-time-annotation).",
        ),
    },
  ),
  kindsFor: (config) => {
    const kinds = kindsOfResources(config.resources);
    return { kinds, reads: kinds };
  },
  judge(r, ctx) {
    // kube-janitor would delete a ReplicaSet whose Deployment copied the annotation to it, only
    // for the Deployment to make it again: an object a controller owns goes with its owner.
    if (r.controller && expiryKeysOf(r)[TTL_KEY] !== undefined) {
      return {
        unused: false,
        reason: `goes with its owner ${r.controller.kind} ${r.controller.name}`,
      };
    }
    const deployed = ctx.config.deploymentTimeAnnotation
      ? r.annotations?.[ctx.config.deploymentTimeAnnotation]
      : undefined;
    const deploymentTime = deployed && /Z$/.test(deployed) ? new Date(deployed) : undefined;
    return judgeExpiry(r, {
      ...(r.createdAt ? { start: new Date(r.createdAt) } : {}),
      ...(deploymentTime && !Number.isNaN(deploymentTime.getTime()) ? { deploymentTime } : {}),
    });
  },
});
