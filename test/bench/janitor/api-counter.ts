/**
 * A counting proxy in front of moto: both tools are pointed at it, and it tallies every AWS API
 * call by service and action, under the phase the benchmark sets (one tool at a time). The calls
 * are counted where they arrive, so retries and pagination are counted as the server sees them.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Calls per `service:Action`, for each phase. */
export type CallCounts = Map<string, Map<string, number>>;
/** Milliseconds moto took to answer (request forwarded to response ended), per `service:Action`. */
export type CallTimes = Map<string, Map<string, number>>;

export interface ApiCounter {
  endpoint: string;
  /** Calls arriving from now on are counted under `phase`. */
  phase(phase: string): void;
  counts: CallCounts;
  times: CallTimes;
  close(): Promise<void>;
}

/** The service from the SigV4 credential scope (`Credential=KEY/DATE/REGION/SERVICE/aws4_request`). */
function serviceOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unsigned';
}

/** The action: the JSON protocol's target header, the query protocol's Action, or the REST path. */
function actionOf(req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const url = new URL(req.url ?? '/', 'http://x');
  const action = url.searchParams.get('Action') ?? new URLSearchParams(body).get('Action');
  if (action) return action;
  return `${req.method ?? 'GET'} ${url.pathname.replace(/\/[^/]*\d[^/]*/g, '/…')}`;
}

/**
 * Starts the proxy. `answers` holds calls moto does not implement, answered by the proxy itself
 * (still counted), with the body the real API gives for the estate in hand.
 */
export async function startApiCounter(
  upstream: string,
  answers: Readonly<Record<string, string>> = {},
): Promise<ApiCounter> {
  const target = new URL(upstream);
  const counts: CallCounts = new Map();
  const times: CallTimes = new Map();
  let current = 'setup';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const key = `${serviceOf(req)}:${actionOf(req, body.toString('utf8'))}`;
      const phase = current;
      const tally = counts.get(phase) ?? new Map<string, number>();
      counts.set(phase, tally);
      tally.set(key, (tally.get(key) ?? 0) + 1);
      const answer = answers[key];
      if (answer !== undefined) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(answer);
        return;
      }
      const sent = performance.now();
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
          upstreamRes.on('end', () => {
            const spent = times.get(phase) ?? new Map<string, number>();
            times.set(phase, spent);
            spent.set(key, (spent.get(key) ?? 0) + performance.now() - sent);
          });
        },
      );
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    phase: (p) => {
      current = p;
    },
    counts,
    times,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The total of one phase's calls. */
export const totalOf = (tally: ReadonlyMap<string, number> | undefined): number =>
  [...(tally ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0);
