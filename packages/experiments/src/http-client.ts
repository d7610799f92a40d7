import http from 'node:http';
import https from 'node:https';

/**
 * The HTTP client behind the `http` provider and the Prometheus probes, on node:http so it can do
 * what Python's `requests` does for Chaos Toolkit and `fetch` cannot: keep response header names
 * as the server wrote them, skip TLS verification when asked (`verify_tls: false`), apply
 * connect and read timeouts separately, and retry refused connections (`max_retries`).
 */

export interface HttpRequest {
  url: string;
  /** @default "GET" */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Seconds: one number for connect and read, or `[connect, read]` as `requests` takes it. */
  timeout?: number | [number, number];
  /** @default true */
  verifyTls?: boolean;
  /** Retries of a connection that could not be made. @default 0 */
  maxRetries?: number;
  /** Follow 3xx redirects like `requests` does (up to 30). @default true */
  followRedirects?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Header names as the server wrote them; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The final URL, after redirects. */
  url: string;
}

/** Why a request produced no response. */
export class HttpClientError extends Error {
  constructor(
    readonly kind: 'connect' | 'timeout' | 'aborted' | 'protocol',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpClientError';
  }
}

const MAX_REDIRECTS = 30;
const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  let current = { ...request, method: (request.method ?? 'GET').toUpperCase() };
  for (let hop = 0; ; hop++) {
    const response = await withRetries(current);
    const location = response.headers[headerName(response.headers, 'location') ?? ''];
    const redirect = [301, 302, 303, 307, 308].includes(response.status) && location;
    if (!redirect || request.followRedirects === false || hop >= MAX_REDIRECTS) return response;
    const next = new URL(location, current.url).toString();
    // `requests` turns 303 (and 302, and 301 after POST) into a GET without a body.
    const toGet =
      current.method !== 'HEAD' &&
      (response.status === 303 ||
        response.status === 302 ||
        (response.status === 301 && current.method === 'POST'));
    current = toGet
      ? { ...current, url: next, method: 'GET', body: undefined }
      : { ...current, url: next };
  }
}

async function withRetries(request: HttpRequest & { method: string }): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await once(request);
    } catch (e) {
      const retry =
        e instanceof HttpClientError && e.kind === 'connect' && attempt < (request.maxRetries ?? 0);
      if (!retry) throw e;
    }
  }
}

function once(request: HttpRequest & { method: string }): Promise<HttpResponse> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? https : http;
  const [connectTimeout, readTimeout] = Array.isArray(request.timeout)
    ? request.timeout
    : [request.timeout, request.timeout];
  return new Promise<HttpResponse>((resolve, reject) => {
    if (request.signal?.aborted) {
      reject(new HttpClientError('aborted', 'the request was aborted before it started'));
      return;
    }
    let connectTimer: NodeJS.Timeout | undefined;
    const req = client.request(url, {
      method: request.method,
      headers: request.headers,
      rejectUnauthorized: request.verifyTls ?? true,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const fail = (error: HttpClientError) => {
      clearTimeout(connectTimer);
      req.destroy();
      reject(error);
    };
    if (connectTimeout !== undefined) {
      connectTimer = setTimeout(
        () =>
          fail(
            new HttpClientError(
              'timeout',
              `no connection to ${url.host} within ${connectTimeout}s`,
            ),
          ),
        connectTimeout * 1000,
      );
      req.once('socket', (socket) => {
        if (!socket.connecting) clearTimeout(connectTimer);
        else socket.once('connect', () => clearTimeout(connectTimer));
      });
    }
    if (readTimeout !== undefined) {
      req.setTimeout(readTimeout * 1000, () =>
        fail(new HttpClientError('timeout', `no answer from ${url.host} within ${readTimeout}s`)),
      );
    }
    req.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      if (e.name === 'AbortError' || request.signal?.aborted) {
        reject(new HttpClientError('aborted', 'the request was aborted', { cause: e }));
      } else if (e.code && CONNECT_ERRORS.has(e.code)) {
        reject(new HttpClientError('connect', `${e.code}: ${e.message}`, { cause: e }));
      } else {
        reject(new HttpClientError('protocol', e.message, { cause: e }));
      }
    });
    req.once('response', (res) => {
      clearTimeout(connectTimer);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', (e) => reject(new HttpClientError('protocol', e.message, { cause: e })));
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: rawHeaders(res.rawHeaders),
          body: Buffer.concat(chunks),
          url: url.toString(),
        }),
      );
    });
    req.end(request.body);
  });
}

function rawHeaders(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = headerName(out, raw[i]!) ?? raw[i]!;
    out[name] = name in out ? `${out[name]}, ${raw[i + 1]}` : raw[i + 1]!;
  }
  return out;
}

/** The key under which `headers` holds `name`, whatever its case. */
export function headerName(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(headers).find((k) => k.toLowerCase() === lower);
}
