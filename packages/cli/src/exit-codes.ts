/** Exit codes, documented in docs/cli.md and `simian --help`. */
export const EXIT = {
  /** Everything went as asked. */
  OK: 0,
  /** Findings at or above --fail-on, or a run that failed. */
  FINDINGS_OR_FAILED: 1,
  /** Bad input: config, flags, plan file. Nothing was done. */
  BAD_INPUT: 2,
  /** A target (cluster, account) could not be reached or refused us. */
  TARGET: 3,
  /** Interrupted by SIGINT/SIGTERM; reversible faults were rolled back. */
  INTERRUPTED: 130,
} as const;
