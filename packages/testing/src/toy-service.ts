// A small HTTP service on loopback for experiment tests (and the Chaos Toolkit parity test): a
// /health endpoint that answers 200 while the service is "up" and 503 after /stop, until /start.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToyService {
  readonly url: string;
  /** Requests seen, by path. */
  readonly hits: Map<string, number>;
  up: boolean;
  close(): Promise<void>;
}

export async function startToyService(): Promise<ToyService> {
  const hits = new Map<string, number>();
  const state = { up: true };
  const server: Server = createServer((req, res) => {
    void handle(req).then(({ status, body, headers }) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    });
  });
  async function handle(req: IncomingMessage) {
    const url = new URL(req.url ?? '/', 'http://toy');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    switch (url.pathname) {
      case '/health':
        return { status: state.up ? 200 : 503, body: { status: state.up ? 'ok' : 'down' } };
      case '/stop':
        state.up = false;
        return { status: 200, body: { stopped: true } };
      case '/start':
        state.up = true;
        return { status: 200, body: { started: true } };
      case '/slow':
        await new Promise((r) => setTimeout(r, Number(url.searchParams.get('ms') ?? 1000)));
        return { status: 200, body: { slow: true } };
      case '/redirect':
        return { status: 302, body: {}, headers: { Location: '/health' } };
      case '/echo':
        return {
          status: 200,
          body: {
            method: req.method,
            query: Object.fromEntries(url.searchParams),
            contentType: req.headers['content-type'] ?? null,
            header: req.headers['x-simian'] ?? null,
            body,
          },
        };
      default:
        return { status: 404, body: { error: 'not found' } };
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    get up() {
      return state.up;
    },
    set up(v: boolean) {
      state.up = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
