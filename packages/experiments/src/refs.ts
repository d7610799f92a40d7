import {
  isActivityRef,
  type Activity,
  type Experiment,
  type HypothesisProbe,
  type MethodItem,
} from './schema.js';

/**
 * The activities a `{ref: name}` can point at, by name, as chaoslib's `cache_activities` builds
 * them: the method's activities, then the steady-state probes (a probe wins a name clash).
 */
export function activitiesByName(experiment: Experiment): Map<string, Activity> {
  const byName = new Map<string, Activity>();
  const declared = [
    ...experiment.method.filter((item): item is Activity => !isActivityRef(item)),
    ...(experiment['steady-state-hypothesis']?.probes ?? []).filter(
      (item): item is Activity => !isActivityRef(item),
    ),
  ];
  for (const activity of declared) byName.set(activity.name, activity);
  return byName;
}

/** The activity an item stands for: itself, or the one its `ref` names (undefined if none). */
export function resolveItem(
  item: MethodItem | HypothesisProbe,
  byName: Map<string, Activity>,
): Activity | undefined {
  return isActivityRef(item) ? byName.get(item.ref) : item;
}
