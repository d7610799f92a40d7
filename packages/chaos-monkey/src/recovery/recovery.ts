/**
 * How a group came back after one kill: the figure the chaos monkey exists to produce. Attached
 * to the kill's outcome (`output`), so it reaches the run result, the journal and the reports.
 */
export interface Recovery {
  /** Whether the group was back to desired ready (or desired InService) within the timeout. */
  recovered: boolean;
  /** Seconds from the kill's return to recovery, or to giving up. Precision: one poll interval. */
  recoverySeconds: number;
  /** The timeout that applied. */
  recoveryTimeoutSeconds: number;
  /** Ready (or InService) members at the last look, the victim not counted. */
  readyAfter?: number;
  /** Desired members at the last look. */
  desiredAfter?: number;
  /** Why it did not recover, or anything else worth knowing, in words. */
  recoveryDetail?: string;
}

/** One look at a group while it recovers. */
export interface RecoveryLook {
  done: boolean;
  ready?: number;
  desired?: number;
  /** Set when waiting longer is pointless (the workload was deleted). */
  hopeless?: string;
}
