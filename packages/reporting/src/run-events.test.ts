// Monkeys emit domain events through the engine; a reporter passed to the run delivers them. A real
// run (core's engine, an in-memory provider) and a real HTTP receiver on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseConfigText,
  Registry,
  runMonkeys,
  silentLogger,
  Store,
  type DomainEvent,
} from '@simian/core';
import { deletingMonkey, MemoryProvider, pod } from '@simian/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookReporter } from './reporters/webhook.js';

let server: Server;
let received: DomainEvent[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as DomainEvent);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Deletes every pod, and tells the reporters about each one it tore down. */
const tearingMonkey = deletingMonkey({
  async apply(ctx, gated) {
    const outcomes = [];
    for (const action of gated.allowed) {
      const outcome = await ctx.executor.execute(action);
      outcomes.push(outcome);
      await ctx.emit({
        type: 'torn-down',
        subject: action.resource.ref,
        resources: [{ ref: action.resource.ref, verb: action.verb, status: outcome.status }],
        owners: [action.resource.labels['owner'] ?? 'nobody'],
        text: `${action.resource.name} was torn down`,
      });
    }
    return outcomes;
  },
});

describe('events of a run', () => {
  it('reach the webhook given as a reporter, with the run filled in', async () => {
    received = [];
    const registry = new Registry().registerMonkey(tearingMonkey);
    const port = (server.address() as AddressInfo).port;
    const text = `version: 1
safety:
  blastRadius: { minHealthy: 0, maxGroupShare: 1 }
reporting:
  webhooks:
    - url: http://127.0.0.1:${port}/events
      events: [torn-down]
monkeys:
  test:
    enabled: true
    dryRun: false
    schedule:
      windows:
        days: [sun, mon, tue, wed, thu, fri, sat]
        hours: { start: "00:00", end: "24:00" }
`;
    const config = parseConfigText(text, '/tmp/simian.yaml', registry, { env: {} });
    const logger = silentLogger();
    const webhooks = config.reporting.webhooks.map((w, i) =>
      createWebhookReporter(w, { logger, label: `reporting.webhooks[${i}]` }),
    );
    const store = new Store(':memory:');
    try {
      const result = await runMonkeys({
        config,
        registry,
        store,
        logger,
        mode: 'run',
        providers: [new MemoryProvider('kubernetes', [pod('a', { owner: 'team-shop' }), pod('b')])],
        now: new Date('2026-11-23T10:00:00Z'),
        env: {},
        reporters: webhooks,
      });
      await Promise.all(webhooks.map(async (w) => w.flush?.()));
      expect(result.monkeys[0]!.outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
      expect(
        received.map((e) => [e.type, e.subject, e.owners, e.monkey, e.runId, e.dryRun]),
      ).toEqual([
        ['torn-down', 'k8s:test/shop/Pod/a', ['team-shop'], 'test', result.runId, false],
        ['torn-down', 'k8s:test/shop/Pod/b', ['nobody'], 'test', result.runId, false],
      ]);
    } finally {
      store.close();
    }
  });
});
