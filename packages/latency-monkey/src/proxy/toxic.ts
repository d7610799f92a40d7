/** Which way a toxic acts: on what the client sends (upstream) or what the server answers (downstream). */
export type ToxicStream = 'upstream' | 'downstream';

/**
 * What a toxic does to the bytes of a connection, toxiproxy's set: `latency` holds each chunk
 * `latencyMs` ± `jitterMs` (uniform) after it arrived, in order; `bandwidth` lets through at most
 * `rateKBps` kilobytes per second; `timeout` lets nothing through and closes the connection after
 * `timeoutMs` (never, when 0); `reset` resets the connection (TCP RST) `afterMs` after it opens or
 * after the toxic arrives.
 */
export type ToxicSpec =
  | { type: 'latency'; latencyMs: number; jitterMs?: number }
  | { type: 'bandwidth'; rateKBps: number }
  | { type: 'timeout'; timeoutMs: number }
  | { type: 'reset'; afterMs?: number };

/** A toxic on a proxy: what it does, which way, to which share of connections, until when. */
export interface Toxic {
  id: string;
  spec: ToxicSpec;
  stream: ToxicStream;
  /** Share of connections it acts on, 0-1, drawn once per connection. @default 1 */
  toxicity: number;
  /** When the proxy takes it off by itself (ms since the epoch). */
  expiresAtMs: number;
}

/** A one-line description: `latency 200ms ±20ms downstream until 10:04:05`. */
export function describeToxic(t: Toxic): string {
  const s = t.spec;
  const what =
    s.type === 'latency'
      ? `latency ${s.latencyMs}ms${s.jitterMs ? ` ±${s.jitterMs}ms` : ''}`
      : s.type === 'bandwidth'
        ? `bandwidth ${s.rateKBps}KB/s`
        : s.type === 'timeout'
          ? `timeout ${s.timeoutMs}ms`
          : `reset after ${s.afterMs ?? 0}ms`;
  return `${what} ${t.stream}${t.toxicity < 1 ? ` on ${Math.round(t.toxicity * 100)}% of connections` : ''} until ${new Date(t.expiresAtMs).toISOString()}`;
}
