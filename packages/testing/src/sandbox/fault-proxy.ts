// A faulty network between Simian and an API (the sandbox's kube-apiserver or moto), on loopback,
// for tests only: at a chosen rate it answers 429 with Retry-After, 500 or 503, resets the
// connection, answers slowly, or cuts a read's answer off half-way; every request is logged, so a
// test can also prove what Simian sent (dry-run flags, no duplicate writes). toxiproxy works at the
// TCP level and cannot answer 429 or cut a page of JSON, hence this small HTTP one.
import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export type FaultKind = 'throttle' | 'error-500' | 'error-503' | 'reset' | 'slow' | 'cut';

/** Faults that never let the request reach the API: safe for writes. */
const BEFORE_FORWARDING: readonly FaultKind[] = ['throttle', 'error-500', 'error-503', 'reset'];

export interface FaultProxyOptions {
  /** `https://127.0.0.1:6443` (with `tls`) or moto's `http://127.0.0.1:PORT`. */
  upstream: string;
  /** The client certificate the proxy presents upstream, and the CA it trusts. */
  tls?: { ca: string; cert: string; key: string };
  /** Share of requests that meet a fault, 0 to 1. */
  rate: number;
  /** @default 1 */
  seed?: number;
  /** How the API words its errors. @default "kubernetes" */
  flavour?: 'kubernetes' | 'aws';
  /** @default 1 */
  retryAfterSeconds?: number;
  /** @default 300 */
  slowMs?: number;
  /**
   * Holds a request for ever, so a test can kill the client at that point: `request` never
   * forwards it (the client died between its ledger row and the API), `answer` forwards it and
   * never answers (the API acted; the client died before it heard).
   */
  hold?: (request: ProxiedRequest) => 'request' | 'answer' | undefined;
}

/** One request the proxy saw, and what it did with it. */
export interface ProxiedRequest {
  /** ms since the epoch, when it arrived. */
  at: number;
  method: string;
  /** Path and query. */
  url: string;
  body: string;
  /** The fault it met, if any. */
  fault?: FaultKind;
  /** Whether it reached the API. */
  forwarded: boolean;
  /** Whether it changes something (not a read). */
  write: boolean;
  /** Held by `hold`: never forwarded, or never answered. */
  held?: 'request' | 'answer';
}

export interface FaultProxy {
  url: string;
  requests: ProxiedRequest[];
  /** Change the rate between phases of a test. */
  setRate(rate: number): void;
  close(): Promise<void>;
}

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether a request reads only: GET for Kubernetes; Describe/List/Get actions for AWS's query APIs. */
export function isRead(method: string, body: string): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1];
  return action !== undefined && /^(Describe|List|Get)/.test(action);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seeded(options.seed ?? 1);
  const upstream = new URL(options.upstream);
  const requests: ProxiedRequest[] = [];
  let rate = options.rate;
  const retryAfter = options.retryAfterSeconds ?? 1;
  const aws = options.flavour === 'aws';

  const errorBody = (code: number, reason: string) =>
    aws
      ? `<?xml version="1.0"?><Response><Errors><Error><Code>${reason}</Code><Message>fault proxy: ${reason}</Message></Error></Errors><RequestID>fault</RequestID></Response>`
      : JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason,
          message: `fault proxy: ${reason}`,
          code,
          ...(code === 429 ? { details: { retryAfterSeconds: retryAfter } } : {}),
        });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const write = !isRead(req.method ?? 'GET', text);
      const entry: ProxiedRequest = {
        at: Date.now(),
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        body: text,
        forwarded: false,
        write,
      };
      requests.push(entry);
      entry.held = options.hold?.(entry);
      if (entry.held === 'request') return;
      if (entry.held === 'answer') return forward(req, body, entry, res);
      if (random() < rate) {
        const kinds: readonly FaultKind[] = write
          ? BEFORE_FORWARDING
          : [...BEFORE_FORWARDING, 'slow', 'cut'];
        entry.fault = kinds[Math.floor(random() * kinds.length)]!;
      }
      const answer = (code: number, reason: string, headers: Record<string, string> = {}) => {
        res.writeHead(code, {
          'content-type': aws ? 'text/xml' : 'application/json',
          ...headers,
        });
        res.end(errorBody(code, reason));
      };
      switch (entry.fault) {
        case 'throttle':
          return answer(429, aws ? 'Throttling' : 'TooManyRequests', {
            'retry-after': String(retryAfter),
          });
        case 'error-500':
          return answer(500, aws ? 'InternalError' : 'InternalError');
        case 'error-503':
          return answer(503, aws ? 'ServiceUnavailable' : 'ServiceUnavailable');
        case 'reset':
          req.socket.destroy();
          return;
        case 'slow':
          setTimeout(() => forward(req, body, entry, res), options.slowMs ?? 300);
          return;
        default:
          forward(req, body, entry, res);
      }
    });
  });

  function forward(
    req: IncomingMessage,
    body: Buffer,
    entry: ProxiedRequest,
    res: import('node:http').ServerResponse,
  ): void {
    entry.forwarded = true;
    const headers = { ...req.headers, host: upstream.host };
    // The client talks plain HTTP to the proxy; upstream, the proxy is the client.
    delete headers['authorization'];
    const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
    const out = send(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: aws ? { ...req.headers, host: upstream.host } : headers,
        ...(options.tls
          ? { ca: options.tls.ca, cert: options.tls.cert, key: options.tls.key }
          : {}),
      },
      (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          if (entry.held === 'answer') return;
          const all = Buffer.concat(parts);
          const { 'transfer-encoding': _te, 'content-length': _cl, ...rest } = up.headers;
          res.writeHead(up.statusCode ?? 502, { ...rest, 'content-length': String(all.length) });
          if (entry.fault === 'cut') {
            // Half the page, then the connection drops: a listing that fails half-way.
            res.write(all.subarray(0, Math.floor(all.length / 2)), () => res.destroy());
            return;
          }
          res.end(all);
        });
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  }

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setRate: (r) => {
      rate = r;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Writes a kubeconfig at `file` whose cluster is `server` (a fault proxy's url): the proxy holds
 * the sandbox's own credentials, so the client sends a placeholder token and skips TLS checks.
 */
export function writeProxiedKubeconfig(file: string, server: string): string {
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{ name: proxied, cluster: { server: "${server}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: through-the-proxy } }]
contexts: [{ name: proxied, context: { cluster: proxied, user: u } }]
current-context: proxied
`,
  );
  return file;
}
