import type { LatencySummary } from './percentiles.js';

/**
 * How far a measured delay may stray from the requested one before Simian reports it: a measured
 * added delay below 0.8x or above 1.5x of the request is a finding on the fault, not a footnote.
 */
export const DELAY_FIDELITY_BOUNDS = { low: 0.8, high: 1.5 } as const;

/** What an injected delay came to, measured against what was asked. */
export interface DelayFidelity {
  requestedMs: number;
  /** Median added by the fault: p50 during minus p50 before. Absent when either is unknown. */
  addedP50Ms?: number;
  /** The tail added by the fault: p99 during minus p99 before. */
  addedP99Ms?: number;
  /** addedP50Ms / requestedMs. */
  ratio?: number;
  /** `as-requested` inside the bounds; `too-little` / `too-much` outside; `unmeasured` without data. */
  verdict: 'as-requested' | 'too-little' | 'too-much' | 'unmeasured';
  /** One sentence for people. */
  text: string;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Judges a delay fault by the median it added to the probe (p50 during minus p50 before), against
 * {@link DELAY_FIDELITY_BOUNDS}. Probes that all failed during the fault leave it unmeasured.
 */
export function judgeDelay(
  requestedMs: number,
  before: LatencySummary,
  during: LatencySummary,
): DelayFidelity {
  if (before.p50Ms === undefined || during.p50Ms === undefined) {
    const which = before.p50Ms === undefined ? 'before' : 'during';
    return {
      requestedMs,
      verdict: 'unmeasured',
      text: `no probe succeeded ${which} the fault (${(which === 'before' ? before : during).failures} failed), so the ${requestedMs} ms delay could not be measured`,
    };
  }
  const addedP50Ms = round(during.p50Ms - before.p50Ms);
  const addedP99Ms = round((during.p99Ms ?? during.p50Ms) - (before.p99Ms ?? before.p50Ms));
  const ratio = requestedMs > 0 ? Math.round((addedP50Ms / requestedMs) * 100) / 100 : 0;
  const { low, high } = DELAY_FIDELITY_BOUNDS;
  const verdict = ratio < low ? 'too-little' : ratio > high ? 'too-much' : 'as-requested';
  const text =
    verdict === 'as-requested'
      ? `added ${addedP50Ms} ms at p50 (${ratio}x) of the ${requestedMs} ms requested; p99 +${addedP99Ms} ms`
      : `added ${addedP50Ms} ms at p50, ${ratio}x the ${requestedMs} ms requested (outside ${low}x-${high}x); p99 +${addedP99Ms} ms`;
  return { requestedMs, addedP50Ms, addedP99Ms, ratio, verdict, text };
}
