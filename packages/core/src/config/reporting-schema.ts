import { z } from 'zod';
import { durationSchema } from './duration.js';

/**
 * One webhook that hears about domain events (marked, notified, torn down, fault injected, fault
 * removed). Read by the `webhook` reporter of @simian/reporting; it lives in core because core
 * builds the schema of simian.yaml.
 */
export const webhookSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .describe(
        'Where each event is POSTed as JSON (with a Slack-style "text"). Write ${ENV_VAR} to read it from the environment: it often holds a token, and it is never logged.',
      ),
    /** @default every event */
    events: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Only these event types, e.g. [marked, torn-down, fault-injected, fault-removed]; every event when left out.',
      ),
    /** @default "5s" */
    timeout: durationSchema.prefault('5s').describe('Give up on one attempt after this long.'),
    /** @default 2 */
    retries: z
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        'Attempts after a failed one (no answer, HTTP 408, 429 or 5xx), waiting twice as long before each; a failure is logged and never stops a run.',
      ),
    /** @default false */
    dryRunEvents: z
      .boolean()
      .default(false)
      .describe(
        'Also deliver the events of dry runs, which say what would have happened; off, so nobody is told of a mark that was not made.',
      ),
  })
  .describe('One receiver: each event of a run is POSTed to it as JSON.');

/** A parsed `reporting.webhooks[]` entry (`timeout` in milliseconds). */
export type WebhookConfig = z.output<typeof webhookSchema>;

/** The `reporting` section: where reports and events go besides the command's output. */
export const reportingSchema = z
  .strictObject({
    /** @default [] */
    webhooks: z
      .array(webhookSchema)
      .default([])
      .describe(
        'Webhooks that receive each domain event of a run (simian run, apply, daemon) as JSON.',
      ),
  })
  .prefault({});
