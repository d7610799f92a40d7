// The webhook against a real local HTTP server: what it receives, and that no failure of it
// (an error status, a refused connection, a timeout) ever reaches the caller.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type ActionOutcome } from '@simian/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DELETE_AFTER_KEY } from './marks.js';
import { notifyStackEvents, postWebhook } from './notify.js';
import { stackEvents, type StackEvent } from './stack-events.js';

let server: Server;
let base: string;
let received: Array<{ path: string; contentType: string | undefined; body: unknown }>;
let answer: { status: number; delayMs: number };

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      setTimeout(() => res.writeHead(answer.status).end('{}'), answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  answer = { status: 200, delayMs: 0 };
});

const WEB = 'k8s:test/shop/web';
const deadline = '2026-11-09T10:00:00.000Z';
function outcome(verb: string, name: string, status: ActionOutcome['status']): ActionOutcome {
  return {
    action: {
      id: `${verb}-${name}`,
      monkey: 'conformity',
      verb,
      resource: {
        ref: `k8s:test/shop/Deployment/${name}`,
        provider: 'kubernetes',
        kind: 'Deployment',
        name,
        labels: { owner: 'shop-team' },
        annotations: { [DELETE_AFTER_KEY]: deadline },
      },
      reason: 'test',
      reversible: false,
      group: WEB,
      ruleId: 'K8S-AVAIL-001,K8S-EXPO-001',
      ...(verb === 'mark' ? { params: { annotations: { [DELETE_AFTER_KEY]: deadline } } } : {}),
    },
    status,
    startedAt: '2026-11-02T10:00:00.000Z',
    endedAt: '2026-11-02T10:00:01.000Z',
  };
}

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function logged() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = { write: (l: string) => lines.push(JSON.parse(l)) };
  const logger = createLogger({
    format: 'json',
    destination: destination as unknown as NodeJS.WritableStream,
  });
  return { logger, lines };
}

describe('stackEvents', () => {
  it('makes one event per stack and change, from the actions that happened', () => {
    const events = stackEvents(
      [
        outcome('mark', 'web', 'succeeded'),
        outcome('mark', 'admin', 'succeeded'),
        outcome('mark', 'held', 'skipped'),
        outcome('scale', 'web', 'failed'),
      ],
      { runId: 'r1', dryRun: false, ownerLabel: 'owner' },
    );
    expect(events).toEqual([
      {
        monkey: 'conformity',
        event: 'marked',
        stack: WEB,
        rules: ['K8S-AVAIL-001', 'K8S-EXPO-001'],
        deadline,
        owners: ['shop-team'],
        resources: [
          { ref: 'k8s:test/shop/Deployment/web', verb: 'mark', status: 'succeeded' },
          { ref: 'k8s:test/shop/Deployment/admin', verb: 'mark', status: 'succeeded' },
        ],
        dryRun: false,
        runId: 'r1',
        text: `Stack ${WEB} (owner: shop-team) breaks enforced rule(s) K8S-AVAIL-001, K8S-EXPO-001. 2 resources marked; it will be torn down after ${deadline} unless it conforms or is waived by then.`,
      },
    ]);
  });

  it('reports a teardown with the deadline that had passed', () => {
    const [event] = stackEvents([outcome('scale', 'web', 'succeeded')], {
      runId: 'r2',
      dryRun: false,
      ownerLabel: 'owner',
    });
    expect(event).toMatchObject({ event: 'torn-down', deadline });
  });
});

describe('postWebhook', () => {
  const event = (): StackEvent =>
    stackEvents([outcome('mark', 'web', 'succeeded')], {
      runId: 'r1',
      dryRun: false,
      ownerLabel: 'owner',
    })[0]!;

  it('POSTs the event as JSON', async () => {
    expect(await postWebhook(`${base}/hooks/conformity`, event(), { timeoutMs: 2000 })).toEqual({
      ok: true,
      status: 200,
    });
    expect(received).toEqual([
      { path: '/hooks/conformity', contentType: 'application/json', body: event() },
    ]);
  });

  it('returns failures instead of throwing: an error status, a timeout, a refused connection', async () => {
    answer = { status: 500, delayMs: 0 };
    expect(await postWebhook(base, event(), { timeoutMs: 2000 })).toEqual({
      ok: false,
      error: 'the webhook answered HTTP 500',
    });
    answer = { status: 200, delayMs: 500 };
    expect(await postWebhook(base, event(), { timeoutMs: 100 })).toEqual({
      ok: false,
      error: 'the webhook call failed: no answer within 100 ms',
    });
    expect(
      await postWebhook(`http://127.0.0.1:${await closedPort()}/`, event(), { timeoutMs: 2000 }),
    ).toEqual({
      ok: false,
      error: 'the webhook call failed: ECONNREFUSED',
    });
  });
});

describe('notifyStackEvents', () => {
  const events = () =>
    stackEvents([outcome('mark', 'web', 'succeeded'), outcome('unmark', 'api', 'succeeded')], {
      runId: 'r1',
      dryRun: false,
      ownerLabel: 'owner',
    });

  it('logs every event (warn for marks) and posts each to the webhook', async () => {
    const { logger, lines } = logged();
    await notifyStackEvents(events(), { logger, webhookUrl: base, timeoutMs: 2000, dryRun: false });
    expect(lines.map((l) => [l['level'], l['event']])).toEqual([
      [40, 'marked'],
      [30, 'unmarked'],
    ]);
    expect(received.map((r) => (r.body as StackEvent).event)).toEqual(['marked', 'unmarked']);
  });

  it('logs a failed webhook and goes on', async () => {
    answer = { status: 503, delayMs: 0 };
    const { logger, lines } = logged();
    await notifyStackEvents(events(), { logger, webhookUrl: base, timeoutMs: 2000, dryRun: false });
    expect(lines.filter((l) => String(l['msg']).startsWith('could not notify'))).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain(base);
  });

  it('only logs in dry-run, and without a webhook', async () => {
    const { logger, lines } = logged();
    await notifyStackEvents(events(), { logger, webhookUrl: base, timeoutMs: 2000, dryRun: true });
    await notifyStackEvents(events(), { logger, webhookUrl: '', timeoutMs: 2000, dryRun: false });
    expect(lines).toHaveLength(4);
    expect(received).toEqual([]);
  });
});
