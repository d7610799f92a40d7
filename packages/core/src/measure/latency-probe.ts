import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { SimianError } from '../errors.js';
import { summarizeLatency, type LatencySummary } from './percentiles.js';

/** How a latency probe samples its target. */
export interface LatencyProbeOptions {
  /** Timed probes to make. */
  samples: number;
  /** Pause between two probes, in ms. */
  intervalMs: number;
  /** A probe that takes longer than this fails, in ms. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * What a probe times. `http(s)://...`: one GET on a connection opened (and not timed) before the
 * first sample and kept alive, so each sample is one request/response exchange; a response of
 * 500 or more counts as a failure. `tcp://host:port`: one TCP connect (the SYN/SYN-ACK round
 * trip) per sample. Either way a fault that delays each packet by d adds about d per sample: a
 * fresh connection per HTTP request would add 2d (the SYN-ACK and the response are both delayed),
 * the kind of figure that makes an injected delay look several times what was asked.
 */
export type LatencyTarget = string;

/** Times `target` `options.samples` times, one probe after the other, and summarizes. */
export async function probeLatency(
  target: LatencyTarget,
  options: LatencyProbeOptions,
): Promise<LatencySummary> {
  const url = parseTarget(target);
  const durations: number[] = [];
  let failures = 0;
  const once = url.protocol === 'tcp:' ? tcpProbe(url) : httpProbe(url);
  try {
    // Opens the connection a keep-alive probe reuses; not timed, and a failure here is a sample's.
    await once.warm?.(options.timeoutMs, options.signal).catch(() => undefined);
    for (let i = 0; i < options.samples; i++) {
      if (options.signal?.aborted) break;
      const started = performance.now();
      try {
        await once.probe(options.timeoutMs, options.signal);
        durations.push(performance.now() - started);
      } catch {
        failures++;
      }
      if (i < options.samples - 1 && options.intervalMs > 0) {
        await pause(options.intervalMs, options.signal);
      }
    }
  } finally {
    once.close();
  }
  return summarizeLatency(durations, failures);
}

interface Prober {
  warm?(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  probe(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): void;
}

function parseTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw badTarget(target);
  }
  if (!['http:', 'https:', 'tcp:'].includes(url.protocol)) throw badTarget(target);
  if (url.protocol === 'tcp:' && !url.port) throw badTarget(target);
  return url;
}

const badTarget = (target: string) =>
  new SimianError('INPUT_INVALID', `"${target}" is no latency probe target`, {
    hint: 'give http://host:port/path, https://..., or tcp://host:port',
  });

function httpProbe(url: URL): Prober {
  const https = url.protocol === 'https:';
  // One socket, kept alive: every sample after the warm-up reuses it.
  const agent = https
    ? new HttpsAgent({ keepAlive: true, maxSockets: 1 })
    : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const get = (timeoutMs: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const send = https ? httpsRequest : httpRequest;
      const req: ClientRequest = send(url, { method: 'GET', agent, signal }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () =>
          (res.statusCode ?? 0) >= 500 ? reject(new Error(`status ${res.statusCode}`)) : resolve(),
        );
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  return { warm: get, probe: get, close: () => agent.destroy() };
}

function tcpProbe(url: URL): Prober {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port);
  return {
    probe: (timeoutMs, signal) =>
      new Promise<void>((resolve, reject) => {
        const socket = connect({ host, port, ...(signal ? { signal } : {}) });
        socket.setTimeout(timeoutMs, () =>
          socket.destroy(new Error(`no connection in ${timeoutMs} ms`)),
        );
        socket.once('connect', () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      }),
    close: () => undefined,
  };
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
