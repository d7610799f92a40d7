import { judgeDelay, parseDuration, probeLatency, type LatencySummary } from '@simian/core';
import { z } from 'zod';
import type { ChaosActivityContext } from '../kubernetes/activity-targets.js';

/** Simian's arguments for measuring a delay fault where it is injected. */
export const probeArguments = {
  /** http(s)://... or tcp://host:port to time before and during the fault. @default none */
  probe_url: z.string().min(1).nullish(),
  /** @default 10 */
  probe_samples: z.int().min(1).max(1000).default(10),
  /** Wait this long after injecting before measuring. @default "3s" */
  probe_settle: z
    .string()
    .refine((s) => parseDuration(s) !== undefined, { message: 'must be a duration such as "3s"' })
    .default('3s'),
};

/** The delay a Chaos Mesh / Istio string asks for, in ms (`1500ms`, `1.5s`). */
function requestedMs(latency: string): number | undefined {
  return parseDuration(latency);
}

/**
 * Runs `inject`; with `probe_url`, times the URL before and after it (once it settled), and adds
 * to its output what was asked and what was measured, so the journal says both.
 */
export async function measureAround(
  _fn: string,
  context: ChaosActivityContext,
  args: { probe_url?: string | null | undefined; probe_samples: number; probe_settle: string },
  latency: string,
  inject: () => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  if (!args.probe_url) return inject();
  const requested = requestedMs(latency) ?? 0;
  const probe = (): Promise<LatencySummary> =>
    probeLatency(args.probe_url!, {
      samples: args.probe_samples,
      intervalMs: 100,
      timeoutMs: Math.max(5000, 2 * requested + 1000),
      signal: context.signal,
    });
  const before = await probe();
  const output = await inject();
  await settle(parseDuration(args.probe_settle) ?? 0, context.signal);
  const during = await probe();
  const fidelity = judgeDelay(requested, before, during);
  context.logger.info({ requested, before, during }, `latency: ${fidelity.text}`);
  return {
    ...output,
    latency: { target: args.probe_url, requestedMs: requested, before, during, fidelity },
  };
}

function settle(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
