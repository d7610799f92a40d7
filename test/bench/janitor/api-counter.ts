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

/** One request as it reached the proxy, kept so it can be sent again. */
export interface RecordedCall {
  key: string;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface ApiCounter {
  endpoint: string;
  /** Calls arriving from now on are counted under `phase`. */
  phase(phase: string): void;
  counts: CallCounts;
  times: CallTimes;
  /** Every call of each phase, in the order it arrived (answered by the proxy or not). */
  recorded: Map<string, RecordedCall[]>;
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
  const recorded = new Map<string, RecordedCall[]>();
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
      const calls = recorded.get(phase) ?? [];
      recorded.set(phase, calls);
      calls.push({
        key,
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body,
      });
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
    recorded,
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

/**
 * Sends `calls` straight to moto one at a time, each only once the last answer has been read in
 * full, and returns the milliseconds each `service:Action` took (first byte sent to last byte
 * read). Nothing parses the answers: this is what moto alone needs to answer those requests,
 * the least any client asking them can wait. Calls in `skip` (the proxy's own answers) are left out.
 */
export async function replayOneAtATime(
  upstream: string,
  calls: readonly RecordedCall[],
  skip: Readonly<Record<string, string>> = {},
): Promise<Map<string, number>> {
  const target = new URL(upstream);
  const spent = new Map<string, number>();
  for (const call of calls) {
    if (skip[call.key] !== undefined) continue;
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          method: call.method,
          path: call.path,
          headers: call.headers,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', resolve);
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(call.body);
    });
    spent.set(call.key, (spent.get(call.key) ?? 0) + performance.now() - started);
  }
  return spent;
}
