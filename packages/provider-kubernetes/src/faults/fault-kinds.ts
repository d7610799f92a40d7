/**
 * The kinds a Simian fault can live on in a cluster: the reaper, `simian faults list` and
 * `simian faults clear` look for fault stamps on these (by label, server-side). A custom kind
 * whose CRD is not installed is skipped: no fault can be there. A new fault backend adds its kind
 * here, one line.
 */
export const FAULT_KINDS: readonly string[] = ['NetworkPolicy'];
