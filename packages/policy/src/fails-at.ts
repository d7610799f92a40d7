import { type Finding, type Severity, severityRank } from '@simian/core';

/**
 * Whether a run should fail: some finding that is not waived has `severity` or worse. This is
 * `simian scan --fail-on SEV`'s exit decision.
 */
export function failsAt(findings: readonly Finding[], severity: Severity): boolean {
  const threshold = severityRank(severity);
  return findings.some((f) => !f.waiver && severityRank(f.severity) >= threshold);
}
