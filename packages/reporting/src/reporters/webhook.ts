import { setTimeout as sleep } from 'node:timers/promises';
import { webhookSchema, type DomainEvent, type WebhookConfig } from '@simian/core';
import { defineReporter, type LiveContext, type LiveReporter } from '../reporter.js';

/** The answer to one attempt. Failures are values, never thrown: a notice never stops a run. */
type Attempt = { ok: true; status: number } | { ok: false; retry: boolean; error: string };

/** Statuses below 500 worth another attempt: the receiver is busy for now, not refusing us. */
const RETRY_STATUS = new Set([408, 425, 429]);

async function post(config: WebhookConfig, event: DomainEvent): Promise<Attempt> {
  try {
    const response = await fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'simian' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(config.timeout),
    });
    // Drain the body so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true, status: response.status };
    return {
      ok: false,
      retry: response.status >= 500 || RETRY_STATUS.has(response.status),
      error: `HTTP ${response.status}`,
    };
  } catch (e) {
    const error = e as Error & { cause?: { code?: string; message?: string } };
    const why =
      error.name === 'TimeoutError'
        ? `no answer within ${config.timeout} ms`
        : (error.cause?.code ?? error.cause?.message ?? error.message);
    // The URL often holds a token; whatever the runtime put in its message, it stays out.
    return { ok: false, retry: true, error: why.split(config.url).join('[webhook url]') };
  }
}

/** Test knobs of {@link createWebhookReporter}. */
export interface WebhookTiming {
  /** Wait before the first retry; doubled before each next one. @default 1000 */
  backoffMs?: number;
}

/**
 * POSTs each domain event of a run as JSON (the event itself, whose `text` Slack-compatible
 * receivers show), in order, in the background. A failed attempt (no answer, a refused connection,
 * HTTP 408, 429 or 5xx) is tried again after a backoff; what still fails is logged, without the
 * URL, and the run goes on. The run's end waits for what is still being delivered.
 */
export function createWebhookReporter(
  config: WebhookConfig,
  context: LiveContext,
  timing: WebhookTiming = {},
): LiveReporter {
  const backoffMs = timing.backoffMs ?? 1000;
  const logger = context.logger.child({ reporter: 'webhook', webhook: context.label });
  let queue: Promise<void> = Promise.resolve();

  const wanted = (event: DomainEvent) =>
    (!event.dryRun || config.dryRunEvents) &&
    (config.events === undefined || config.events.includes(event.type));

  async function deliver(event: DomainEvent): Promise<void> {
    const about = { event: event.type, subject: event.subject, runId: event.runId };
    let last: Attempt | undefined;
    for (let attempt = 1; attempt <= config.retries + 1; attempt++) {
      if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
      last = await post(config, event);
      if (last.ok) {
        logger.debug({ ...about, status: last.status, attempt }, 'event delivered by webhook');
        return;
      }
      if (!last.retry) break;
    }
    logger.warn(
      { ...about, error: last && !last.ok ? last.error : undefined },
      `could not deliver the ${event.type} event of ${event.subject} to ${context.label}; the run goes on`,
    );
  }

  const flush = () => queue;
  return {
    name: 'webhook',
    onEvent(event) {
      if (!wanted(event)) return;
      queue = queue.then(() => deliver(event)).catch(() => undefined);
    },
    onRunEnd: flush,
    flush,
  };
}

/** The events of a run, POSTed as JSON to each of `reporting.webhooks` in simian.yaml. */
export const webhookReporter = defineReporter({
  name: 'webhook',
  description:
    'POSTs each event of a run (marked, notified, torn down, fault injected or removed) as JSON; reporting.webhooks in simian.yaml, or --reporter webhook=URL',
  options: webhookSchema,
  live: (config, context) => createWebhookReporter(config, context),
  fromFlag: (url) => ({ url }),
});
