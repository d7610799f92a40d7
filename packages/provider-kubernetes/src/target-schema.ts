import { z } from 'zod';

/** Which namespaces Simian sees in a context. */
export const namespaceFilterSchema = z
  .strictObject({
    /**
     * Only these namespaces. Namespaced kinds are then listed one namespace at a time, so an
     * identity with Roles in just these namespaces (no ClusterRole) suffices.
     * @default every namespace
     */
    include: z.array(z.string().min(1)).min(1).optional(),
    /**
     * Never these namespaces (applied after `include`).
     * @default []
     */
    exclude: z.array(z.string().min(1)).default([]),
  })
  .describe('Which namespaces Simian lists and acts in.');

/** One Kubernetes context under `targets.kubernetes`. */
export const kubernetesContextSchema = z
  .strictObject({
    /**
     * The scope name Simian uses in refs, inventory keys and reports.
     * @default the context name (`in-cluster` for the in-cluster service account)
     */
    name: z
      .string()
      .regex(/^[^\s]+$/, 'must not contain spaces')
      .optional(),
    /**
     * The kubeconfig context.
     * @default the kubeconfig's current context
     */
    context: z.string().min(1).optional(),
    /**
     * A kubeconfig file, relative to simian.yaml.
     * @default $KUBECONFIG, else ~/.kube/config, else the in-cluster service account
     */
    kubeconfig: z.string().min(1).optional(),
    /**
     * Use the pod's service account (when Simian runs in the cluster).
     * @default false
     */
    inCluster: z.boolean().default(false),
    namespaces: namespaceFilterSchema.optional(),
    /**
     * A ConfigMap whose `data.engaged: "true"` stops every monkey before its next action.
     * @default none
     */
    killSwitchConfigMap: z
      .strictObject({ namespace: z.string().min(1), name: z.string().min(1) })
      .optional(),
    /**
     * Items per list request (`limit`).
     * @default inventory.pageSize, else 500
     */
    pageSize: z.int().min(1).max(10_000).optional(),
    /**
     * The label that names a resource's owner.
     * @default inventory.ownerLabel, else "owner"
     */
    ownerLabel: z.string().min(1).optional(),
    /**
     * Requests in flight at once against this API server.
     * @default inventory.concurrency, else 8
     */
    concurrency: z.int().min(1).max(64).optional(),
    /**
     * How long one request may take.
     * @default 30000
     */
    requestTimeoutMs: z.int().min(1000).max(600_000).default(30_000),
    /**
     * Attempts per request, the first included, on throttling, 5xx and broken connections.
     * @default 5
     */
    maxAttempts: z.int().min(1).max(20).default(5),
  })
  .refine((t) => !(t.inCluster && (t.kubeconfig !== undefined || t.context !== undefined)), {
    message: 'inCluster uses the service account: leave out kubeconfig and context',
  })
  .describe('One Kubernetes context.');

/**
 * `targets.kubernetes` in simian.yaml: the contexts Simian works on.
 *
 * @example
 * ```yaml
 * targets:
 *   kubernetes:
 *     - context: prod-eu
 *       namespaces: { exclude: [kube-system] }
 *       killSwitchConfigMap: { namespace: simian, name: kill-switch }
 *     - inCluster: true
 * ```
 */
export const kubernetesTargetSchema = z
  .array(kubernetesContextSchema)
  .min(1)
  .describe('Kubernetes contexts: each entry is one scope.');

/** One parsed context entry. */
export type KubernetesContextConfig = z.output<typeof kubernetesContextSchema>;
/** The parsed `targets.kubernetes`. */
export type KubernetesTargetConfig = z.output<typeof kubernetesTargetSchema>;
