/**
 * What Simian writes on every object a fault changes or creates, so that a process that dies
 * leaves a fault that says when it ends and who put it there (Chaos Mesh keeps the same on its
 * CRs' status). The provider decides the medium (labels and annotations on Kubernetes, tags on
 * AWS); the keys are the same everywhere.
 */

/** Present (`"true"`) on every object that carries an active fault: a label, so it can be listed. */
export const FAULT_ACTIVE_KEY = 'faults.simian.dev/active';
/** When the fault must be gone, at the latest (ISO time). */
export const FAULT_EXPIRES_AT_KEY = 'faults.simian.dev/expires-at';
/** The run that injected it. */
export const FAULT_RUN_KEY = 'faults.simian.dev/run';
/** The monkey (or `experiment`) that injected it. */
export const FAULT_MONKEY_KEY = 'faults.simian.dev/monkey';
/** The action id of the injection, in the run's ledger. */
export const FAULT_ACTION_KEY = 'faults.simian.dev/action';
/** When it was injected (ISO time). */
export const FAULT_INJECTED_AT_KEY = 'faults.simian.dev/injected-at';

/** The keys of a stamp other than the label, in the order they are written. */
export const FAULT_STAMP_KEYS = [
  FAULT_EXPIRES_AT_KEY,
  FAULT_RUN_KEY,
  FAULT_MONKEY_KEY,
  FAULT_ACTION_KEY,
  FAULT_INJECTED_AT_KEY,
] as const;

/** Who injected a fault and until when it may stay: what the executor hands the provider. */
export interface FaultStamp {
  expiresAt: string;
  runId: string;
  monkey: string;
  actionId: string;
  injectedAt: string;
}

/** The stamp as key/value pairs (the active label included). */
export function faultStampValues(stamp: FaultStamp): Record<string, string> {
  return {
    [FAULT_ACTIVE_KEY]: 'true',
    [FAULT_EXPIRES_AT_KEY]: stamp.expiresAt,
    [FAULT_RUN_KEY]: stamp.runId,
    [FAULT_MONKEY_KEY]: stamp.monkey,
    [FAULT_ACTION_KEY]: stamp.actionId,
    [FAULT_INJECTED_AT_KEY]: stamp.injectedAt,
  };
}

/**
 * The stamp read back from an object's marks, or undefined when it carries none. A stamp whose
 * expiry cannot be read counts as expired: a fault nobody can date is removed, not kept.
 */
export function readFaultStamp(
  marks: Record<string, string> | undefined,
): (FaultStamp & { expiresAtMs: number }) | undefined {
  if (!marks || marks[FAULT_ACTIVE_KEY] === undefined) return undefined;
  const expiresAt = marks[FAULT_EXPIRES_AT_KEY] ?? '';
  const ms = Date.parse(expiresAt);
  return {
    expiresAt,
    expiresAtMs: Number.isNaN(ms) ? 0 : ms,
    runId: marks[FAULT_RUN_KEY] ?? '',
    monkey: marks[FAULT_MONKEY_KEY] ?? '',
    actionId: marks[FAULT_ACTION_KEY] ?? '',
    injectedAt: marks[FAULT_INJECTED_AT_KEY] ?? '',
  };
}
