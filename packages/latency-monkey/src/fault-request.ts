import type { LatencyConfig } from './config.js';

/** The fault the config asks for, in the units backends write. */
export interface FaultRequest {
  delayMs: number;
  jitterMs: number;
  correlationPercent: number;
  lossPercent?: number;
  /** Share of requests delayed (virtual-service). */
  percent: number;
  abort?: { httpStatus: number; percent: number };
  /** How long the fault stays once injected. */
  durationMs: number;
}

/**
 * The expiry of a fault is its duration plus a margin, from the plan's time: one minute when the
 * monkey measures (the probes before the injection fit in it), ten seconds when it does not. Past
 * it, the engine, Chaos Mesh's own duration, netem's script and the reaper take the fault out
 * whatever the monkey does.
 */
export const expiryMarginMs = (config: LatencyConfig): number =>
  config.measure.enabled ? 60_000 : 10_000;

export function faultRequest(config: LatencyConfig): FaultRequest {
  const f = config.fault;
  return {
    delayMs: f.delay,
    jitterMs: f.jitter,
    correlationPercent: f.correlation,
    ...(f.loss !== undefined ? { lossPercent: f.loss } : {}),
    percent: f.percent,
    ...(f.abort ? { abort: f.abort } : {}),
    durationMs: f.duration,
  };
}

/** `delay 1500ms ±150ms, loss 10%` for reasons and notes. */
export function describeFault(f: FaultRequest): string {
  const parts: string[] = [];
  if (f.delayMs > 0) parts.push(`delay ${f.delayMs}ms${f.jitterMs ? ` ±${f.jitterMs}ms` : ''}`);
  if (f.lossPercent) parts.push(`loss ${f.lossPercent}%`);
  if (f.abort) parts.push(`abort ${f.abort.percent}% with ${f.abort.httpStatus}`);
  return parts.join(', ') || 'no fault';
}
