import { ActionFailedError, SimianError } from '@simian/core';
import { parseTimeExpression, type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { kubeTargets } from './kube-object.js';
import { podsInNamespace } from './pods-in-namespace.js';

/** The dotted name experiments call. */
export const READ_POD_LOGS = 'chaosk8s.pod.probes.read_pod_logs';

/** A log larger than this is cut by the API server: a probe's output lands in the journal. */
const DEFAULT_LIMIT_BYTES = 1024 * 1024;

/** `10 minutes` (dateparser reads a bare duration as that long ago), `1 hour ago`, a date. */
function sinceSeconds(last: string, now = new Date()): number | undefined {
  const t = last.trim();
  const when = parseTimeExpression(t, now) ?? parseTimeExpression(`${t} ago`, now);
  if (!when || when.getTime() > now.getTime()) return undefined;
  return Math.max(1, Math.ceil((now.getTime() - when.getTime()) / 1000));
}

const argumentsSchema = z.strictObject({
  /** Fills `{name}` in `label_selector`. */
  name: z.string().nullish(),
  /** Only lines of the last so long: `10 minutes`, `1 hour ago`, `30 s`. */
  last: z
    .string()
    .nullish()
    .refine((v) => v == null || sinceSeconds(v) !== undefined, {
      message:
        'not a past time Simian reads: write e.g. "10 minutes", "1 hour ago" or an RFC 3339 date',
    }),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  /** The previous instance of each container. @default false */
  from_previous: z.boolean().default(false),
  /** `{name}` stands for `name`. @default "name in ({name})" */
  label_selector: z.string().nullish().default('name in ({name})'),
  /** Which container; a pod with several needs one. */
  container_name: z.string().nullish(),
  /** Simian's own: bytes kept per pod, cut by the server. @default 1048576 */
  limit_bytes: z.int().min(1).default(DEFAULT_LIMIT_BYTES),
});

/**
 * `chaosk8s.pod.probes.read_pod_logs`, natively: lists the pods of `ns` matching the label
 * selector (with `{name}` filled in) and returns `{ pod name: log }`, each line with its time,
 * as chaostoolkit-kubernetes does. Read-only. Simian cuts each log at `limit_bytes` (1 MiB) on
 * the server, since the output is kept in the journal.
 */
export const readPodLogs: PythonFunction<typeof argumentsSchema> = {
  description:
    'Reads the logs of the pods matching a label selector: { pod: log }, each line with its time; `last` keeps only recent lines.',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [
    { kind: 'rbac', group: '', resource: 'pods', verbs: ['list'] },
    { kind: 'rbac', group: '', resource: 'pods', subresource: 'log', verbs: ['get'] },
  ],
  example: {
    type: 'probe',
    name: 'web-logs-show-no-errors',
    tolerance: { type: 'regex', pattern: '^((?!ERROR)[\\s\\S])*$' },
    provider: {
      type: 'python',
      module: 'chaosk8s.pod.probes',
      func: 'read_pod_logs',
      arguments: { label_selector: 'app=web', ns: 'storefront', last: '5 minutes' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const { targets } = kubeTargets(context, READ_POD_LOGS);
    const selector = (args.label_selector ?? '').replaceAll('{name}', args.name ?? 'None');
    const pods = await podsInNamespace(READ_POD_LOGS, context, args.ns, selector);
    const provider = targets.inventory.provider('kubernetes');
    if (!provider.readLog) {
      throw new SimianError('WIRING', 'the Kubernetes provider cannot read logs', {
        hint: 'this build of Simian has a provider without readLog; report it',
      });
    }
    const since = args.last ? sinceSeconds(args.last) : undefined;
    const logs: Record<string, string> = {};
    for (const pod of pods) {
      try {
        logs[pod.name] = await provider.readLog(pod.ref, {
          signal: context.signal,
          timestamps: true,
          previous: args.from_previous,
          limitBytes: args.limit_bytes,
          ...(args.container_name ? { container: args.container_name } : {}),
          ...(since ? { sinceSeconds: since } : {}),
        });
      } catch (error) {
        throw new ActionFailedError(
          `${READ_POD_LOGS}: could not read the log of pod ${args.ns}/${pod.name}: ${(error as Error).message}`,
          {
            cause: error,
            ...(error instanceof SimianError && error.hint ? { hint: error.hint } : {}),
          },
        );
      }
    }
    return logs;
  },
};
