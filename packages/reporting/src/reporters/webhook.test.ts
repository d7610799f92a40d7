// The webhook against a real HTTP server on loopback: what it receives and in what order, retries
// on a busy receiver, a timeout, and that no failure reaches the run or puts the URL in a log.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, webhookSchema, type DomainEvent } from '@simian/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookReporter } from './webhook.js';

const TOKEN = 'T0KEN-b7f3e9';
let server: Server;
let url: string;
let received: Array<{ path: string; contentType: string | undefined; body: DomainEvent }>;
/** What the receiver answers to each request in turn; the last one repeats. */
let answers: Array<{ status: number; delayMs?: number }>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as DomainEvent,
      });
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      const reply = () => {
        if (!res.destroyed) res.writeHead(answer.status).end('{}');
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${TOKEN}`;
});
// Keep-alive connections from fetch would hold close() open for seconds.
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  answers = [{ status: 204 }];
});

function event(type: string, extra: Partial<DomainEvent> = {}): DomainEvent {
  return {
    type,
    monkey: 'conformity',
    runId: '20261123100000-aaaa1111',
    dryRun: false,
    at: '2026-11-23T10:00:00.000Z',
    subject: 'k8s:test/shop/web',
    resources: [{ ref: 'k8s:test/shop/Deployment/web', verb: 'mark', status: 'succeeded' }],
    owners: ['team-shop'],
    text: `stack shop/web was ${type}`,
    ...extra,
  };
}

/** A webhook reporter writing its logs where the test can read them. */
function webhook(options: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    format: 'json',
    destination: { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream,
  });
  const config = webhookSchema.parse({ url, ...options });
  const reporter = createWebhookReporter(
    config,
    { logger, label: 'reporting.webhooks[0]' },
    { backoffMs: 5 },
  );
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { reporter, logs, text: () => lines.join('') };
}

describe('webhook', () => {
  it('POSTs each event as JSON, in order, and the run end waits for delivery', async () => {
    const { reporter, logs } = webhook();
    const events = [event('marked'), event('notified'), event('torn-down')];
    for (const e of events) await reporter.onEvent!(e);
    await reporter.onRunEnd!({} as never);
    expect(received.map((r) => r.body)).toEqual(events);
    expect(received.every((r) => r.contentType === 'application/json')).toBe(true);
    expect(received[0]!.path).toBe(`/hooks/${TOKEN}`);
    expect(logs().filter((l) => l['level'] === 40)).toEqual([]);
  });

  it('sends only the configured event types, and no dry-run event unless asked', async () => {
    const { reporter } = webhook({ events: ['fault-injected', 'fault-removed'] });
    await reporter.onEvent!(event('marked'));
    await reporter.onEvent!(event('fault-injected'));
    await reporter.onEvent!(event('fault-removed', { dryRun: true }));
    await reporter.flush!();
    expect(received.map((r) => r.body.type)).toEqual(['fault-injected']);

    const dry = webhook({ dryRunEvents: true }).reporter;
    await dry.onEvent!(event('fault-removed', { dryRun: true }));
    await dry.flush!();
    expect(received.map((r) => r.body.type)).toEqual(['fault-injected', 'fault-removed']);
  });

  it('tries again after HTTP 500, with backoff, until the receiver takes it', async () => {
    answers = [{ status: 500 }, { status: 503 }, { status: 200 }];
    const { reporter, logs } = webhook({ retries: 2 });
    await reporter.onEvent!(event('marked'));
    await reporter.flush!();
    expect(received).toHaveLength(3);
    expect(logs().find((l) => l['msg'] === 'event delivered by webhook')).toMatchObject({
      attempt: 3,
      status: 200,
    });
  });

  it('does not retry a refusal (HTTP 400), and logs it without the URL', async () => {
    answers = [{ status: 400 }];
    const { reporter, logs, text } = webhook({ retries: 3 });
    await reporter.onEvent!(event('marked'));
    await reporter.flush!();
    expect(received).toHaveLength(1);
    expect(logs().find((l) => l['level'] === 40)).toMatchObject({
      webhook: 'reporting.webhooks[0]',
      event: 'marked',
      error: 'HTTP 400',
      msg: 'could not deliver the marked event of k8s:test/shop/web to reporting.webhooks[0]; the run goes on',
    });
    expect(text()).not.toContain(TOKEN);
  });

  it('gives up on an attempt after the timeout, retries, then logs and goes on', async () => {
    answers = [{ status: 200, delayMs: 400 }];
    const { reporter, logs, text } = webhook({ timeout: '50ms', retries: 1 });
    const started = Date.now();
    await reporter.onEvent!(event('notified'));
    await reporter.flush!();
    expect(Date.now() - started).toBeLessThan(390);
    expect(received).toHaveLength(2);
    expect(logs().find((l) => l['level'] === 40)).toMatchObject({
      error: 'no answer within 50 ms',
    });
    expect(text()).not.toContain(TOKEN);
  });

  it('a receiver that is not there never stops the run: onEvent returns, flush resolves', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const lines: string[] = [];
    const logger = createLogger({
      format: 'json',
      destination: { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream,
    });
    const gone = `http://127.0.0.1:${port}/hooks/${TOKEN}`;
    const reporter = createWebhookReporter(
      webhookSchema.parse({ url: gone, retries: 1 }),
      { logger, label: 'reporting.webhooks[1]' },
      { backoffMs: 5 },
    );
    // It hands the event to the background queue and returns at once.
    expect(reporter.onEvent!(event('torn-down'))).toBeUndefined();
    await expect(reporter.flush!()).resolves.toBeUndefined();
    const warning = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(warning).toMatchObject({ level: 40, error: 'ECONNREFUSED' });
    expect(lines.join('')).not.toContain(TOKEN);
    expect(lines.join('')).not.toContain(gone);
  });
});
