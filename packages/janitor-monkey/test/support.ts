// Helpers for the janitor's tests against the sandbox: a webhook receiver on loopback, runs of
// the real engine with the real providers, and the reporters a run delivers events through.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseConfigText,
  Registry,
  runMonkeys,
  silentLogger,
  type DomainEvent,
  type RunResult,
  type SimianConfig,
  type Store,
} from '@simian/core';
import { awsProvider } from '@simian/provider-aws';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { createWebhookReporter } from '@simian/reporting';
import { janitorMonkey } from '../src/index.js';

export const registry = (): Registry =>
  new Registry()
    .registerMonkey(janitorMonkey)
    .registerProvider(kubernetesProvider)
    .registerProvider(awsProvider);

/** A loopback HTTP server that keeps every event POSTed to it. */
export async function webhookReceiver(): Promise<{
  url: string;
  events: DomainEvent[];
  close(): Promise<void>;
}> {
  const events: DomainEvent[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as DomainEvent);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/janitor`,
    events,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** simian.yaml text parsed as the CLI would, with the janitor and both providers registered. */
export const config = (text: string): SimianConfig =>
  parseConfigText(text, '/tmp/simian-janitor-test.yaml', registry(), { env: {} });

/** One run of the janitor through the engine, its events delivered by the config's webhooks. */
export async function runJanitor(
  c: SimianConfig,
  store: Store,
  mode: 'plan' | 'run' = 'run',
): Promise<RunResult> {
  const logger = silentLogger();
  const reporters = c.reporting.webhooks.map((w, i) =>
    createWebhookReporter(w, { logger, label: `webhook ${i}` }, { backoffMs: 50 }),
  );
  const result = await runMonkeys({
    config: c,
    registry: registry(),
    store,
    logger,
    mode,
    reporters,
    env: {},
  });
  for (const r of reporters) await r.flush?.();
  return result;
}

/** The janitor's entry of a run. */
export const janitorOf = (r: RunResult) => r.monkeys.find((m) => m.monkey === 'janitor')!;

/** Sleeps until `at` (plus a little, so a deadline has surely passed). */
export async function sleepUntil(at: Date): Promise<void> {
  const ms = at.getTime() - Date.now() + 50;
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}
