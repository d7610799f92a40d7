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

const httpUrl = z.url({ protocol: /^https?$/ });

/** Where a chat message goes: an incoming-webhook URL, or `#channel` on `reporting.slack.url`. */
const destinationSchema = z
  .union([httpUrl, z.string().regex(/^#[\w.-]+$/, 'a URL or a #channel')])
  .describe(
    'An incoming-webhook URL (write ${ENV_VAR}: it holds a token), or #channel on reporting.slack.url.',
  );

/** Slack (or a Slack-compatible receiver): a run summary and new severe findings, as blocks. */
export const slackSchema = z
  .strictObject({
    url: httpUrl.describe(
      "The incoming webhook that gets each run's summary. Write ${SLACK_WEBHOOK_URL}: it holds a token, and it is never logged.",
    ),
    /** @default "high" */
    newFindingsAt: z
      .enum(['info', 'low', 'medium', 'high', 'critical'])
      .default('high')
      .describe('New findings at or above this severity are listed in the run summary.'),
    /** @default "5s" */
    timeout: durationSchema.prefault('5s').describe('Give up on one attempt after this long.'),
    /** @default 2 */
    retries: z
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        'Attempts after a failed one, waiting twice as long before each; failures are logged and never stop a run.',
      ),
    /** @default false */
    dryRuns: z
      .boolean()
      .default(false)
      .describe('Also post the summaries and notices of dry runs.'),
  })
  .describe(
    'Slack incoming webhook: the summary of each run and its new severe findings, as blocks.',
  );

/** Notices to owners (marks that need their attention), routed per owner. */
export const ownersSchema = z
  .strictObject({
    /** @default {} */
    routes: z
      .record(z.string().min(1), destinationSchema)
      .default({})
      .describe('Owner (the owner label or tag value) -> where their notices go.'),
    /** @default none */
    fallback: destinationSchema
      .optional()
      .describe(
        'Where notices of owners with no route (or no owner) go; dropped and logged when unset.',
      ),
    /** @default ["marked", "acted", "torn-down"] */
    events: z
      .array(z.string().min(1))
      .min(1)
      .default(['marked', 'acted', 'torn-down'])
      .describe('The event types that are owner notices.'),
  })
  .describe("Owner notices (the janitor's and conformity's marks), as Slack blocks, per owner.");

/** Reports written to an S3 bucket after each run. */
export const s3ReportsSchema = z
  .strictObject({
    bucket: z.string().min(3).describe('The bucket.'),
    /** @default "simian/" */
    prefix: z
      .string()
      .default('simian/')
      .describe('Key prefix: PREFIX<run id>/report.FORMAT and PREFIX latest/report.FORMAT.'),
    /** @default ["html", "json"] */
    formats: z
      .array(z.string().min(1))
      .min(1)
      .default(['html', 'json'])
      .describe('Report formats written, one object each per run plus a `latest` copy.'),
    /** @default the first of targets.aws */
    scope: z
      .string()
      .optional()
      .describe('The targets.aws entry (region name) whose credentials write the objects.'),
  })
  .describe(
    'Reports written to an S3 bucket after each run: one object per run and format, and a latest copy.',
  );

/** Reports written to files after each run. */
export const fileReportSchema = z
  .strictObject({
    format: z.string().min(1).describe('A report format: html, json, markdown, csv, sarif, ...'),
    path: z.string().min(1).describe('The file, relative to simian.yaml; replaced after each run.'),
  })
  .describe('A report file rewritten after each run.');

/** PolicyReport and OpenReports objects kept in the cluster. */
export const clusterReportsSchema = z
  .strictObject({
    /** @default ["policyreport"] */
    formats: z
      .array(z.enum(['policyreport', 'openreports']))
      .min(1)
      .default(['policyreport'])
      .describe(
        'policyreport (wgpolicyk8s.io/v1alpha2, what Kyverno and Policy Reporter read) and/or openreports (openreports.io/v1alpha1).',
      ),
  })
  .describe(
    'After each run, the findings of Kubernetes resources as report objects in their cluster: one per namespace, one cluster-scoped.',
  );

/** Prometheus metrics. */
export const metricsSchema = z
  .strictObject({
    /** @default "127.0.0.1:9464" */
    listen: z
      .string()
      .regex(/^[^:]*:\d+$/, 'HOST:PORT')
      .default('127.0.0.1:9464')
      .describe(
        'Where `simian daemon` serves /metrics and the latest HTML report at /. Use 0.0.0.0:9464 in a pod.',
      ),
    /** @default none */
    pushgateway: httpUrl
      .optional()
      .describe(
        'A Pushgateway that gets the metrics of each `simian run` (for CronJobs), under job `simian`.',
      ),
    /** @default "simian" */
    job: z.string().min(1).default('simian').describe('The Pushgateway job name.'),
  })
  .describe('Prometheus metrics (simian_*).');

/** Findings hidden from every report. */
export const muteSchema = z
  .strictObject({
    rule: z.string().min(1).describe('Rule id, or a pattern with * (K8S-HEALTH-*).'),
    ref: z
      .string()
      .min(1)
      .optional()
      .describe('Resource ref, or a pattern with *; every resource when left out.'),
    reason: z.string().min(1).describe('Why it is hidden.'),
    until: z
      .union([z.iso.date(), z.iso.datetime({ offset: true })])
      .optional()
      .describe('Shown again after this date or time.'),
  })
  .describe('A finding hidden from every report (counted as muted), for noise nobody will fix.');

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
    slack: slackSchema.optional(),
    owners: ownersSchema.optional(),
    s3: s3ReportsSchema.optional(),
    /** @default [] */
    files: z.array(fileReportSchema).default([]).describe('Report files rewritten after each run.'),
    clusterReports: clusterReportsSchema.optional(),
    metrics: metricsSchema.optional(),
    /** @default [] */
    mutes: z
      .array(muteSchema)
      .default([])
      .describe('Findings hidden from every report, applied once before any format renders.'),
  })
  .prefault({});

/** The parsed `reporting` section. */
export type ReportingConfig = z.output<typeof reportingSchema>;
