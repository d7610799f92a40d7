import { SimianError } from '@simian/core';
import { LatencyProxy } from './proxy.js';
import { describeToxic, type Toxic, type ToxicSpec, type ToxicStream } from './toxic.js';

/** `host:port` (`[::1]:8080` for IPv6) as parts; a bare port means 127.0.0.1. */
export function parseHostPort(text: string, what: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text) ?? /^()()(\d{1,5})$/.exec(text);
  const port = Number(m?.[3]);
  if (!m || !(port >= 0 && port <= 65_535)) {
    throw new SimianError('INPUT_INVALID', `${what} must be HOST:PORT, but "${text}" was given`, {
      hint: 'for example 127.0.0.1:8080, [::1]:8080 or :8080',
    });
  }
  return { host: m[1] || m[2] || '127.0.0.1', port };
}

/** What `simian latency proxy` runs. */
export interface ProxyRun {
  listen: { host: string; port: number };
  upstream: { host: string; port: number };
  toxics: Array<{ spec: ToxicSpec; stream: ToxicStream; toxicity?: number }>;
  /** How long the toxics stay; the proxy stops then too. */
  forMs: number;
  /** Why the kill switch is engaged, if it is: read at the start and every second. */
  killSwitch: () => Promise<string | undefined>;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** How a proxy run ended. */
export interface ProxyRunResult {
  listened: string;
  toxics: string[];
  connections: number;
  ended: 'expired' | 'kill-switch' | 'interrupted';
  detail?: string;
}

/**
 * Runs a proxy with `toxics` for `forMs`, then takes them off and stops. The kill switch is
 * honoured like a monkey's: engaged at the start, nothing starts; engaged later, the toxics come
 * off at once and the proxy stops. SIGINT/SIGTERM (`signal`) do the same. Killed outright, the
 * proxy takes its toxics with it: they live in this process and nowhere else.
 */
export async function runLatencyProxy(run: ProxyRun): Promise<ProxyRunResult> {
  const engaged = await run.killSwitch();
  if (engaged) {
    throw new SimianError(
      'INPUT_INVALID',
      `the kill switch is engaged (${engaged}): no proxy is started`,
      {
        hint: 'release the kill switch first',
      },
    );
  }
  const proxy = new LatencyProxy({ listen: run.listen, upstream: run.upstream });
  const address = await proxy.start();
  const listened = `${address.address}:${address.port}`;
  const expiresAtMs = Date.now() + run.forMs;
  const placed: Toxic[] = run.toxics.map((t) =>
    proxy.addToxic(t.spec, {
      stream: t.stream,
      expiresAtMs,
      ...(t.toxicity !== undefined ? { toxicity: t.toxicity } : {}),
    }),
  );
  run.log(
    `proxy ${listened} -> ${run.upstream.host}:${run.upstream.port}: ${placed.map(describeToxic).join('; ') || 'no toxics'}`,
  );
  let ended: ProxyRunResult['ended'] = 'expired';
  let detail: string | undefined;
  await new Promise<void>((resolve) => {
    const stop = (why: ProxyRunResult['ended'], text?: string) => {
      ended = why;
      detail = text;
      clearTimeout(timer);
      clearInterval(poll);
      run.signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(() => stop('expired'), run.forMs);
    const poll = setInterval(() => {
      void run.killSwitch().then((why) => why && stop('kill-switch', why));
    }, 1000);
    const onAbort = () => stop('interrupted', String((run.signal.reason as Error)?.message ?? ''));
    if (run.signal.aborted) onAbort();
    run.signal.addEventListener('abort', onAbort, { once: true });
  });
  const connections = proxy.accepted;
  await proxy.close();
  run.log(
    ended === 'expired'
      ? `proxy ${listened}: the toxics expired; stopped after ${connections} connection(s)`
      : `proxy ${listened}: toxics taken off and stopped (${ended}${detail ? `: ${detail}` : ''})`,
  );
  return {
    listened,
    toxics: placed.map(describeToxic),
    connections,
    ended,
    ...(detail ? { detail } : {}),
  };
}
