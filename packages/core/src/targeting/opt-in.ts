/** Values of a label or tag that mean yes, and that mean no. */
const YES = new Set(['true', 'yes', '1', 'on']);
const NO = new Set(['false', 'no', '0', 'off']);

/** Whether a group may be a target of a monkey (chaos, latency), and why, in words. */
export interface OptInDecision {
  eligible: boolean;
  reason: string;
}

/** Where the opt-in label or tag is looked for, most specific first (e.g. workload, pod template). */
export interface LabelSource {
  /** What carries these labels, for the reason (`Deployment storefront/web`, `its pod template`). */
  what: string;
  labels: Record<string, string> | undefined;
}

/**
 * Decides opt-in (kube-monkey style). An explicit "no" anywhere wins, then an explicit "yes"
 * anywhere; with neither, opt-in mode says no and opt-out mode says yes. The global opt-out label
 * (`safety.optOutLabel`) set to "true" anywhere is a no in both modes.
 */
export function decideOptIn(
  sources: LabelSource[],
  optIn: { mode: 'opt-in' | 'opt-out'; label: string },
  globalOptOutLabel: string,
): OptInDecision {
  for (const s of sources) {
    const v = s.labels?.[globalOptOutLabel]?.toLowerCase();
    if (v !== undefined && YES.has(v)) {
      return { eligible: false, reason: `opted out: ${s.what} has ${globalOptOutLabel}=${v}` };
    }
  }
  for (const s of sources) {
    const v = s.labels?.[optIn.label]?.toLowerCase();
    if (v !== undefined && NO.has(v)) {
      return { eligible: false, reason: `opted out: ${s.what} has ${optIn.label}=${v}` };
    }
  }
  for (const s of sources) {
    const v = s.labels?.[optIn.label]?.toLowerCase();
    if (v !== undefined && YES.has(v)) {
      return { eligible: true, reason: `opted in: ${s.what} has ${optIn.label}=${v}` };
    }
  }
  return optIn.mode === 'opt-in'
    ? { eligible: false, reason: `not opted in: ${optIn.label}=true is missing` }
    : { eligible: true, reason: `eligible in opt-out mode: no ${optIn.label}=false` };
}
