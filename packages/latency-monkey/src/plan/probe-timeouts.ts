import type { ProbeTiming } from '@simian/core';
import type { FaultRequest } from '../fault-request.js';
import type { ServiceTarget } from './service-target.js';

/** The kubelet probe a delay would fail: the one with the shortest timeout at or below the delay. */
export interface ProbeAtRisk {
  pod: string;
  container: string;
  probe: 'liveness' | 'readiness';
  timeoutSeconds: number;
  failureThreshold: number;
}

/**
 * The liveness or readiness probe of the service's pods that a delay of `fault` (delay plus
 * jitter, at worst) reaches or passes, shortest timeout first; undefined when none does, or no
 * probes are known. Liveness comes first at equal timeouts: failing it restarts the container.
 */
export function probeAtRisk(target: ServiceTarget, fault: FaultRequest): ProbeAtRisk | undefined {
  const worstMs = fault.delayMs + fault.jitterMs;
  if (worstMs <= 0) return undefined;
  const risks: ProbeAtRisk[] = [];
  for (const pod of target.pods) {
    for (const c of pod.views?.probes?.containers ?? []) {
      for (const [probe, timing] of [
        ['liveness', c.liveness],
        ['readiness', c.readiness],
      ] as Array<['liveness' | 'readiness', ProbeTiming | undefined]>) {
        // An exec probe runs inside the container: a network delay does not reach it.
        if (!timing || timing.handler === 'exec') continue;
        if (worstMs >= timing.timeoutSeconds * 1000) {
          risks.push({
            pod: pod.name,
            container: c.container,
            probe,
            timeoutSeconds: timing.timeoutSeconds,
            failureThreshold: timing.failureThreshold,
          });
        }
      }
    }
  }
  risks.sort(
    (a, b) =>
      a.timeoutSeconds - b.timeoutSeconds ||
      (a.probe === b.probe ? 0 : a.probe === 'liveness' ? -1 : 1),
  );
  return risks[0];
}

/** What the kubelet does when `risk` fails, in words. */
export function consequence(risk: ProbeAtRisk): string {
  return risk.probe === 'liveness'
    ? `the kubelet restarts container ${risk.container} after ${risk.failureThreshold} failed liveness probes`
    : `the kubelet takes pod ${risk.pod} out of the service after ${risk.failureThreshold} failed readiness probes`;
}
