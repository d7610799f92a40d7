import { createServer, type Server } from 'node:http';
import type { Logger } from '@simian/core';
import { SimianError } from '@simian/core';
import type { SimianMetrics } from '@simian/reporting';

/** What the daemon serves: the metrics, and the latest report as HTML. */
export interface DaemonPages {
  metrics: SimianMetrics;
  /** The HTML report of the current state, rendered when asked (undefined: nothing recorded yet). */
  report(): string | undefined;
}

/** `HOST:PORT` (an empty host is every address) as `listen` takes it. */
export function parseListen(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  const port = Number(listen.slice(at + 1));
  if (at < 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SimianError('INPUT_INVALID', `listen address "${listen}" is not HOST:PORT`);
  }
  const host = listen.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return { host: host === '' ? '0.0.0.0' : host, port };
}

/**
 * Serves `/metrics` (Prometheus text format, prom-client) and the latest HTML report at `/`, for
 * `simian daemon`. Read-only: nothing served changes anything. Resolves once it listens; `close`
 * stops it.
 */
export async function serveDaemonPages(
  listen: string,
  pages: DaemonPages,
  logger: Logger,
): Promise<{ server: Server; address: string; close(): Promise<void> }> {
  const { host, port } = parseListen(listen);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    void (async () => {
      try {
        if (path === '/metrics') {
          const text = await pages.metrics.text();
          res.writeHead(200, { 'content-type': pages.metrics.contentType }).end(text);
        } else if (path === '/' || path === '/report.html') {
          const html = pages.report();
          if (html === undefined) {
            res
              .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
              .end('no run has recorded findings yet\n');
          } else {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
          }
        } else if (path === '/healthz') {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
        } else {
          res
            .writeHead(404, { 'content-type': 'text/plain' })
            .end('not found: /metrics, / (the report), /healthz\n');
        }
      } catch (e) {
        logger.warn({ path, error: (e as Error).message }, 'could not serve a page');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('error\n');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(new SimianError('INPUT_INVALID', `cannot listen on ${listen}: ${e.message}`)),
    );
    server.listen(port, host, resolve);
  });
  const bound = server.address();
  const address = typeof bound === 'object' && bound ? `${bound.address}:${bound.port}` : listen;
  logger.info({ address }, 'serving /metrics and the latest report at /');
  return {
    server,
    address,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
