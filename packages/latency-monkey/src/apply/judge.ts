import { judgeDelay, type DelayFidelity, type LatencySummary } from '@simian/core';
import type { LatencyConfig } from '../config.js';
import type { FaultRequest } from '../fault-request.js';

/** What one fault came to: what was asked, and what the probe saw before, during and after. */
export interface FaultMeasurement {
  /** What was probed. */
  target: string;
  requested: FaultRequest;
  before: LatencySummary;
  during?: LatencySummary;
  after?: LatencySummary;
  /** The delay judged against the request, when the fault delays all the probed traffic. */
  fidelity?: DelayFidelity;
  /** Why no verdict on the delay was given, when none was. */
  noVerdict?: string;
  /** A problem with the fault the measurement shows, for a finding. */
  problem?: { ruleId: string; message: string };
}

/**
 * Judges what was measured. A delay is judged (p50 added against the request, within
 * [0.8x, 1.5x]) only when the fault covers all the probed traffic: every pod, every request. A
 * cut of the callers is expected to fail the probe (which is a caller).
 */
export function judgeMeasurement(
  config: LatencyConfig,
  m: Omit<FaultMeasurement, 'fidelity' | 'noVerdict' | 'problem'>,
  coversAllTraffic: boolean,
): FaultMeasurement {
  const out: FaultMeasurement = { ...m };
  if (!m.during) return { ...out, noVerdict: 'not measured during the fault (interrupted)' };
  if (config.backend === 'network-policy') {
    if (
      config.networkPolicy.cut === 'callers' &&
      !config.networkPolicy.from &&
      m.during.errorRate < 0.9
    ) {
      out.problem = {
        ruleId: 'latency-cut-not-enforced',
        message: `the deny policy cut off ${Math.round(m.during.errorRate * 100)}% of the probes, not all: does the cluster's CNI enforce NetworkPolicies?`,
      };
    }
    return { ...out, noVerdict: 'a cut, not a delay' };
  }
  if (m.requested.delayMs <= 0) return { ...out, noVerdict: 'no delay was requested' };
  if (!coversAllTraffic) {
    return {
      ...out,
      noVerdict:
        'the fault covers part of the traffic (one pod, or a share of requests): the median says little',
    };
  }
  const fidelity = judgeDelay(m.requested.delayMs, m.before, m.during);
  out.fidelity = fidelity;
  if (fidelity.verdict !== 'as-requested') {
    out.problem = {
      ruleId: 'latency-fidelity',
      message: `requested ${m.requested.delayMs}ms of delay: ${fidelity.text}`,
    };
  }
  return out;
}
