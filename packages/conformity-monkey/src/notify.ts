import type { Logger } from '@simian/core';
import type { StackEvent } from './stack-events.js';

/** The result of one webhook call. Failures are reported, never thrown. */
export type WebhookResult = { ok: true; status: number } | { ok: false; error: string };

/**
 * POSTs one event as JSON. A notification must never stop enforcement, so every failure (refused
 * connection, timeout, a non-2xx answer) comes back as `{ ok: false, error }`.
 */
export async function postWebhook(
  url: string,
  event: StackEvent,
  options: { timeoutMs: number },
): Promise<WebhookResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'simian-conformity-monkey' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Drain the body so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) return { ok: false, error: `the webhook answered HTTP ${response.status}` };
    return { ok: true, status: response.status };
  } catch (e) {
    const error = e as Error & { cause?: { code?: string; message?: string } };
    const why =
      error.name === 'TimeoutError'
        ? `no answer within ${options.timeoutMs} ms`
        : (error.cause?.code ?? error.cause?.message ?? error.message);
    return { ok: false, error: `the webhook call failed: ${why}` };
  }
}

/** Options of {@link notifyStackEvents}. */
export interface NotifyOptions {
  logger: Logger;
  /** Empty or absent: log only. */
  webhookUrl?: string | undefined;
  timeoutMs: number;
  /** In dry-run the events are logged as what would be sent, and no webhook is called. */
  dryRun: boolean;
}

/**
 * Tells people about each stack event: always in the log (warn for marks and teardowns, which ask
 * someone to act), and by webhook when one is configured and the run is not a dry-run. The URL is
 * never logged (it often holds a token).
 */
export async function notifyStackEvents(
  events: readonly StackEvent[],
  options: NotifyOptions,
): Promise<void> {
  for (const event of events) {
    const fields = {
      event: event.event,
      stack: event.stack,
      rules: event.rules,
      deadline: event.deadline,
      owners: event.owners,
    };
    if (event.event === 'unmarked') options.logger.info(fields, event.text);
    else options.logger.warn(fields, event.text);
    if (!options.webhookUrl || options.dryRun) continue;
    const result = await postWebhook(options.webhookUrl, event, { timeoutMs: options.timeoutMs });
    if (!result.ok) {
      options.logger.warn(
        { event: event.event, stack: event.stack, error: result.error },
        `could not notify by webhook about stack ${event.stack}; enforcement goes on`,
      );
    }
  }
}
