import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';

/** The User-Agent of every probe request: it says who probes, and that it is on purpose. */
export const PROBE_USER_AGENT =
  'Simian-SecurityMonkey/0.1 (authorized self-assessment; report-only; https://github.com/simian-dev/simian)';

let modernContext: SecureContext | undefined;
let legacyContext: SecureContext | undefined;

/** The probes' client context, made once (a new one per request would cost more than the request). */
function sharedContext(legacy: boolean): SecureContext {
  if (legacy)
    return (legacyContext ??= createSecureContext({
      minVersion: 'TLSv1',
      ciphers: 'ALL:@SECLEVEL=0',
    }));
  return (modernContext ??= createSecureContext({}));
}

/** One GET, as the probes send it. */
export interface GetOptions {
  /** The address to connect to (already checked against the target's allowance). */
  address: string;
  port: number;
  tls: boolean;
  /** The host name for the Host header and SNI. */
  host: string;
  path: string;
  timeoutMs: number;
  /** Stop reading the body after this many bytes. */
  maxBytes: number;
  /** Allow TLS 1.0/1.1 and old suites: for a server that speaks nothing newer. */
  legacyTls?: boolean;
  signal?: AbortSignal;
}

/** What came back: status, headers, and the first `maxBytes` of the body. */
export interface GetAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body was longer than what was read. */
  truncated: boolean;
}

/**
 * A GET that never follows a redirect (a 3xx is an answer like any other), sends no credentials
 * and no cookies, reads at most `maxBytes` of the body, and gives up after `timeoutMs`. TLS
 * certificates are not verified here: the TLS probe judges them, and a probe must still see what
 * an endpoint with a bad certificate serves.
 */
export function httpGet(options: GetOptions): Promise<GetAnswer> {
  const hostHeader = isIP(options.host)
    ? `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`
    : `${options.host}:${options.port}`;
  return new Promise((resolve, reject) => {
    const request = (options.tls ? httpsRequest : httpRequest)({
      host: options.address,
      port: options.port,
      method: 'GET',
      path: options.path,
      agent: false,
      headers: {
        Host: hostHeader,
        'User-Agent': PROBE_USER_AGENT,
        Accept: '*/*',
        Connection: 'close',
      },
      ...(options.tls
        ? {
            rejectUnauthorized: false,
            secureContext: sharedContext(options.legacyTls ?? false),
            ...(isIP(options.host) ? {} : { servername: options.host }),
            ...(options.legacyTls ? { minVersion: 'TLSv1' as const } : {}),
          }
        : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).subarray(0, options.maxBytes),
          truncated,
        });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= options.maxBytes) {
          truncated = true;
          response.destroy();
          done();
        }
      });
      response.on('end', done);
      response.on('error', () => done());
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end();
  });
}
