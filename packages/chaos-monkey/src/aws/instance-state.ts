import type { Resource, ScalingGroupView } from '@simian/core';

/** The instance id of an instance resource. */
export const instanceIdOf = (r: Resource): string => r.views?.instance?.id ?? r.name;

/** Whether the instance is known to be running. */
export const isRunning = (r: Resource): boolean => r.views?.instance?.state === 'running';

/** The group's view, as its provider filled it; undefined when it gave none (unknown). */
export const scalingGroupView = (r: Resource): ScalingGroupView | undefined =>
  r.views?.scalingGroup;

/** Members of the group that are in service and healthy, by the group's own view. */
export const inServiceIds = (group: ScalingGroupView | undefined): string[] =>
  (group?.members ?? []).filter((m) => m.inService && m.healthy).map((m) => m.id);
