import http from 'node:http';
import https from 'node:https';

/** One HTTP exchange, as bytes in and text out. */
export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  agent: http.Agent;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What came back. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * Sends one request with Node's own http(s) module. We talk to the API server directly (not
 * through client-node's generated clients) so that objects stay the JSON the server sent, with no
 * model classes or Date objects in between, and one code path serves built-in and custom kinds.
 */
export function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const client = request.url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = client.request(
      request.url,
      {
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.body === undefined
            ? {}
            : { 'content-length': Buffer.byteLength(request.body) }),
        },
        agent: request.agent,
        timeout: request.timeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () => {
      req.destroy(
        Object.assign(new Error(`no answer within ${request.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      );
    });
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}
