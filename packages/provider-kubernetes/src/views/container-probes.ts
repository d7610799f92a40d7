import type { ContainerProbes, ProbeTiming, ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

interface ProbeObject {
  httpGet?: unknown;
  tcpSocket?: unknown;
  grpc?: unknown;
  exec?: unknown;
  timeoutSeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

interface PodObject extends KubeObject {
  spec?: {
    containers?: Array<{
      name: string;
      livenessProbe?: ProbeObject;
      readinessProbe?: ProbeObject;
      startupProbe?: ProbeObject;
    }>;
  };
}

/** A probe's timing, with the API's defaults (timeout 1 s, period 10 s, 3 failures) where unset. */
function timing(probe: ProbeObject | undefined): ProbeTiming | undefined {
  if (!probe) return undefined;
  const handler = probe.httpGet
    ? 'http'
    : probe.tcpSocket
      ? 'tcp'
      : probe.grpc
        ? 'grpc'
        : probe.exec
          ? 'exec'
          : undefined;
  if (!handler) return undefined;
  return {
    handler,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    periodSeconds: probe.periodSeconds ?? 10,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

/** The probes view of a Pod: each container's liveness, readiness and startup probe timing. */
export function containerProbesViews(object: KubeObject): ResourceViews {
  const containers: ContainerProbes[] = ((object as PodObject).spec?.containers ?? []).map((c) => {
    const liveness = timing(c.livenessProbe);
    const readiness = timing(c.readinessProbe);
    const startup = timing(c.startupProbe);
    return {
      container: c.name,
      ...(liveness ? { liveness } : {}),
      ...(readiness ? { readiness } : {}),
      ...(startup ? { startup } : {}),
    };
  });
  return { probes: { containers } };
}
