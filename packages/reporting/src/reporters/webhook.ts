import { webhookSchema, type DomainEvent, type WebhookConfig } from '@simian/core';
import { defineReporter, type LiveContext, type LiveReporter } from '../reporter.js';
import { postJson, SendQueue, withBackoff } from '../sinks/deliver.js';

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

  const wanted = (event: DomainEvent) =>
    (!event.dryRun || config.dryRunEvents) &&
    (config.events === undefined || config.events.includes(event.type));

  const delivery = { url: config.url, timeout: config.timeout, retries: config.retries, backoffMs };
  const queue = new SendQueue();

  async function deliver(event: DomainEvent): Promise<void> {
    const about = { event: event.type, subject: event.subject, runId: event.runId };
    const last = await withBackoff(() => postJson(delivery, event), config.retries, backoffMs);
    if (last.ok) {
      logger.debug(
        { ...about, status: last.status, attempt: last.attempts },
        'event delivered by webhook',
      );
      return;
    }
    logger.warn(
      { ...about, error: last.error },
      `could not deliver the ${event.type} event of ${event.subject} to ${context.label}; the run goes on`,
    );
  }

  const flush = () => queue.flush();
  return {
    name: 'webhook',
    onEvent(event) {
      if (!wanted(event)) return;
      queue.send(() => deliver(event));
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
