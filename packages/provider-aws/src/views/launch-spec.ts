import type { ResourceViews } from '@simian/core';

/** The launch spec view: the images a launch template's versions or a launch configuration use. */
export function launchSpecViews(imageIds: Array<string | undefined>): ResourceViews {
  return {
    launchSpec: {
      imageIds: [...new Set(imageIds.filter((id): id is string => !!id))].sort(),
    },
  };
}
