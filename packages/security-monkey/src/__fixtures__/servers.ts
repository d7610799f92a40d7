// Real servers on loopback for the probe tests: TLS servers with the certificates and protocol
// settings a test asks for, and HTTP servers that answer what a test says, counting connections.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { SecureVersion } from 'node:tls';
import type { Pem } from './certificates.js';

/** A running server: its port, what it saw, and how to stop it. */
export interface TestServer {
  port: number;
  /** Connections accepted so far. */
  connections: number;
  /** Most connections open at once. */
  maxConcurrent: number;
  /** Request lines and User-Agent headers, in order. */
  requests: Array<{ path: string; userAgent: string | undefined; at: number }>;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function start(server: Server): Promise<TestServer> {
  const state: TestServer = {
    port: 0,
    connections: 0,
    maxConcurrent: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    state.maxConcurrent = Math.max(state.maxConcurrent, sockets.size);
    socket.on('close', () => sockets.delete(socket));
  };
  server.on('connection', track);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

const recorder =
  (state: () => TestServer, handler: Handler): Handler =>
  (req, res) => {
    state().requests.push({
      path: req.url ?? '',
      userAgent: req.headers['user-agent'],
      at: Date.now(),
    });
    handler(req, res);
  };

/** An HTTP server on 127.0.0.1 answering with `handler`. */
export async function httpServer(handler: Handler): Promise<TestServer> {
  const holder: { state?: TestServer } = {};
  const server = createHttpServer(recorder(() => holder.state!, handler));
  holder.state = await start(server);
  return holder.state;
}

/** TLS settings of a test HTTPS server. */
export interface TlsServerSpec extends Pem {
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
  /** The Strict-Transport-Security header to send, if any. */
  hsts?: string;
}

/** An HTTPS server on 127.0.0.1 with the given certificate and protocols; GET / answers 200. */
export async function httpsServer(spec: TlsServerSpec, handler?: Handler): Promise<TestServer> {
  const holder: { state?: TestServer } = {};
  const server = createHttpsServer(
    {
      cert: spec.cert,
      key: spec.key,
      ...(spec.minVersion ? { minVersion: spec.minVersion } : {}),
      ...(spec.maxVersion ? { maxVersion: spec.maxVersion } : {}),
      ...(spec.ciphers ? { ciphers: spec.ciphers } : {}),
    },
    recorder(
      () => holder.state!,
      handler ??
        ((_req, res) => {
          res.writeHead(200, {
            'content-type': 'text/plain',
            ...(spec.hsts ? { 'strict-transport-security': spec.hsts } : {}),
          });
          res.end('hello');
        }),
    ),
  );
  // TLS errors of probes that hang up mid-handshake are expected; keep them out of the output.
  server.on('tlsClientError', () => undefined);
  holder.state = await start(server);
  return holder.state;
}
