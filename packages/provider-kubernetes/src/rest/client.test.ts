import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger } from '@simian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBudgetRefusal } from '../verbs/evict.js';
import { KubeApiError } from './api-error.js';
import { emptyRequestStats, RestClient } from './client.js';
import { KubeConnection } from './connection.js';
import { defaultRetryPolicy } from './retry.js';
import { Semaphore } from '@simian/core';

// A scripted HTTP server on loopback: the one place a server is imitated. A real API server
// cannot be made to answer 429 with Retry-After, or to drop a connection, on demand; everything
// else in this package is tested against the sandbox's real kube-apiserver.
type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const replies: Reply[] = [];
const seen: http.IncomingHttpHeaders[] = [];
let server: http.Server;
let port: number;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const reply = replies.shift() ?? json(500, { message: 'no scripted reply' });
    reply(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client() {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'secret-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  const stats = emptyRequestStats();
  const rest = new RestClient(new KubeConnection(kc, { maxSockets: 2 }), {
    semaphore: new Semaphore(2),
    retry: { ...defaultRetryPolicy, baseDelayMs: 10 },
    timeoutMs: 5000,
    stats,
    logger: createLogger({ level: 'silent', format: 'json' }),
  });
  return { rest, stats };
}

describe('RestClient', () => {
  it('honours Retry-After on a 429 and then succeeds', async () => {
    replies.push(
      json(
        429,
        { kind: 'Status', reason: 'TooManyRequests', message: 'slow down' },
        { 'retry-after': '1' },
      ),
    );
    replies.push(json(200, { items: [] }));
    const { rest, stats } = client();
    const started = Date.now();
    await expect(rest.call({ method: 'GET', path: '/api/v1/pods' })).resolves.toEqual({
      items: [],
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(stats).toEqual({ requests: 2, retries: 1, throttled: 1 });
    expect(seen.at(-1)?.authorization).toBe('Bearer secret-token');
  });

  it('retries a connection the server dropped', async () => {
    replies.push((req) => req.socket.destroy());
    replies.push(json(200, { ok: true }));
    const { rest, stats } = client();
    await expect(rest.call({ method: 'GET', path: '/version' })).resolves.toEqual({ ok: true });
    expect(stats.requests).toBe(2);
  });

  it('does not retry a refusal that no wait changes (a PodDisruptionBudget)', async () => {
    replies.push(
      json(429, {
        kind: 'Status',
        reason: 'TooManyRequests',
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: {
          causes: [
            {
              reason: 'DisruptionBudget',
              message: 'The disruption budget web needs 2 healthy pods and has 2 currently',
            },
          ],
        },
      }),
    );
    const { rest, stats } = client();
    const call = rest.call({
      method: 'POST',
      path: '/api/v1/namespaces/a/pods/b/eviction',
      body: {},
      isFinal: isBudgetRefusal,
    });
    await expect(call).rejects.toBeInstanceOf(KubeApiError);
    expect(stats.requests).toBe(1);
  });

  it('does not retry a 403', async () => {
    replies.push(
      json(403, {
        kind: 'Status',
        reason: 'Forbidden',
        message: 'User "jane" cannot list resource "pods"',
      }),
    );
    const { rest, stats } = client();
    const error = await rest.call({ method: 'GET', path: '/api/v1/pods' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeApiError);
    expect((error as KubeApiError).status).toBe(403);
    expect(stats.requests).toBe(1);
  });

  it('gives up after maxAttempts on a server that keeps failing', async () => {
    for (let i = 0; i < 5; i++)
      replies.push(json(503, { message: 'unavailable' }, { 'retry-after': '0' }));
    const { rest, stats } = client();
    await expect(rest.call({ method: 'GET', path: '/api/v1/pods' })).rejects.toThrow(/503/);
    expect(stats.requests).toBe(defaultRetryPolicy.maxAttempts);
  });
});
