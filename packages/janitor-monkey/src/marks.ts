import { lifecycleKeys } from '@simian/core';

/**
 * The janitor's marks on a resource (annotations on Kubernetes, tags on AWS): the rules, when it
 * was marked and the owner told, when it may be removed, when the janitor first saw it unused
 * (`unused-since`, where the API does not say since when), and the last step done of a removal
 * in several steps (`step`, `step-at`).
 */
export const JANITOR_MARKS = lifecycleKeys('janitor.simian.dev', { firstSeen: 'unused-since' }, [
  'firstSeen',
  'notifiedAt',
  'step',
  'stepAt',
]);

/** The tag on a snapshot the janitor took of a volume before deleting it: the volume's id. */
export const SOURCE_VOLUME_TAG = 'janitor.simian.dev/source-volume';
