import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** TLS material for talking to a component: the CA to trust and, optionally, a client identity. */
export interface TlsMaterial {
  ca: string;
  cert?: string;
  key?: string;
}

/** Status code and body of one answered request. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * One GET (or other) request with a short timeout; rejects when nothing answers. Health checks
 * use it instead of an SDK so that they work before any client can be configured.
 */
export function httpCall(
  url: string,
  options: { method?: string; tls?: TlsMaterial; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const { method = 'GET', tls, timeoutMs = 3_000 } = options;
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, timeout: timeoutMs, ...(tls ?? {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
