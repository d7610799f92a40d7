/** What a series of timed probes came to: percentiles of the successful ones, and the failures. */
export interface LatencySummary {
  /** Probes attempted. */
  count: number;
  /** Probes that failed (an error, a timeout, a status the probe does not accept). */
  failures: number;
  /** Share of probes that failed, 0-1. */
  errorRate: number;
  /** Percentiles of the successful probes, in ms; absent when none succeeded. */
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  minMs?: number;
  maxMs?: number;
  meanMs?: number;
}

/**
 * The `p`-th percentile (0-100) of `sorted` (ascending), by the nearest-rank method: the smallest
 * value with at least p % of the values at or below it. Undefined for an empty list.
 */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Rounds to 0.1 ms: finer figures claim a precision a timer on a busy machine does not have. */
const round = (ms: number) => Math.round(ms * 10) / 10;

/** The summary of `durationsMs` (successful probes) and `failures` failed ones. */
export function summarizeLatency(durationsMs: readonly number[], failures: number): LatencySummary {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const count = sorted.length + failures;
  const summary: LatencySummary = {
    count,
    failures,
    errorRate: count === 0 ? 0 : round((failures / count) * 1000) / 1000,
  };
  if (sorted.length === 0) return summary;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    ...summary,
    p50Ms: round(percentile(sorted, 50)!),
    p95Ms: round(percentile(sorted, 95)!),
    p99Ms: round(percentile(sorted, 99)!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted[sorted.length - 1]!),
    meanMs: round(sum / sorted.length),
  };
}
