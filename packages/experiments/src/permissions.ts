import type { Permission } from '@simian/core';
import { loadConfiguration } from './configuration.js';
import type { ActivityRegistry } from './registry.js';
import { activitiesByName } from './refs.js';
import { isActivityRef, type Activity, type Experiment, type MethodItem } from './schema.js';
import { hasValues, substitute } from './substitute.js';

/** What one activity of an experiment declares it needs. */
export interface ActivityPermissions {
  /** Its path in the file (`method.0`). */
  path: string;
  name: string;
  /** `module.func`. */
  function: string;
  /** The namespace its arguments name (`ns`), where its namespaced permissions are granted. */
  namespace?: string;
  permissions: Permission[];
  /** What it asks the executor to do (`provider:verb:Kind`). */
  verbs: string[];
}

/** What an experiment needs from its targets, from its activities' own declarations. */
export interface ExperimentPermissions {
  activities: ActivityPermissions[];
  /** Every activity's permissions, namespaced where it names a namespace. */
  permissions: Permission[];
  /** Every `provider:verb:Kind` the activities declare: what the executor lets the run do. */
  verbs: string[];
  /**
   * Actions whose needs depend on the objects they carry (manifests, custom objects): no RBAC is
   * derived for them, and whoever grants the experiment's rights must add theirs.
   */
  objectDependent: string[];
}

/**
 * The permissions and verbs an experiment's Python activities declare (steady-state probes, method,
 * rollbacks, tolerance probes), with each one's namespace taken from its `ns` argument after
 * configuration is substituted. http and process activities need nothing from a target. Secrets
 * are not read: a namespace is never a secret.
 */
export function experimentPermissions(
  experiment: Experiment,
  options: { activities: ActivityRegistry; env?: NodeJS.ProcessEnv },
): ExperimentPermissions {
  const configuration = loadConfiguration(
    experiment.configuration,
    options.env ?? process.env,
  ).configuration;
  const byName = activitiesByName(experiment);
  const found: ActivityPermissions[] = [];
  const objectDependent: string[] = [];
  const seen = new Set<Activity>();

  const visitActivity = (activity: Activity, path: string) => {
    if (seen.has(activity)) return;
    seen.add(activity);
    const tolerance = activity.tolerance;
    if (typeof tolerance === 'object' && !Array.isArray(tolerance) && tolerance?.type === 'probe')
      visitActivity(tolerance as Activity, `${path}.tolerance`);
    const provider = activity.provider as {
      type: string;
      module?: unknown;
      func?: unknown;
      arguments?: unknown;
    };
    if (provider.type !== 'python') return;
    const fn = options.activities.findPythonFunction(
      String(provider.module),
      String(provider.func),
    );
    if (!fn) return;
    const raw = (provider.arguments ?? {}) as Record<string, unknown>;
    const args = hasValues(configuration, {}) ? substitute(raw, configuration, {}) : raw;
    const parsed = fn.arguments.safeParse(args);
    const ns = parsed.success ? (parsed.data as { ns?: unknown }).ns : undefined;
    const namespace = typeof ns === 'string' && ns !== '' ? ns : undefined;
    const verbs = [...(fn.verbs ?? [])];
    if (verbs.some((v) => v.startsWith('*:')))
      objectDependent.push(`${activity.name} (${fn.name})`);
    found.push({
      path,
      name: activity.name,
      function: fn.name,
      ...(namespace ? { namespace } : {}),
      permissions: (
        (parsed.success ? fn.permissionsFor?.(parsed.data) : undefined) ??
        fn.permissions ??
        []
      ).map((p) => (p.kind === 'rbac' && namespace && !p.namespace ? { ...p, namespace } : p)),
      verbs,
    });
  };
  const visit = (items: MethodItem[], prefix: string) =>
    items.forEach((item, i) => {
      const activity = isActivityRef(item) ? byName.get(item.ref) : item;
      if (activity) visitActivity(activity, `${prefix}.${i}`);
    });
  visit(experiment['steady-state-hypothesis']?.probes ?? [], 'steady-state-hypothesis.probes');
  visit(experiment.method, 'method');
  visit(experiment.rollbacks ?? [], 'rollbacks');

  const keyed = new Map<string, Permission>();
  for (const p of found.flatMap((a) => a.permissions)) keyed.set(JSON.stringify(p), p);
  return {
    activities: found,
    permissions: [...keyed.values()],
    verbs: [...new Set(found.flatMap((a) => a.verbs))].sort(),
    objectDependent,
  };
}
