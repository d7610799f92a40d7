import {
  ownersSchema,
  severityRank,
  SimianError,
  slackSchema,
  type DomainEvent,
  type RunResult,
} from '@simian/core';
import { z } from 'zod';
import type { ComplianceReport } from '../data/compliance.js';
import { defineReporter, type LiveContext, type LiveReporter } from '../reporter.js';
import { deliverJson, SendQueue, type Delivery } from '../sinks/deliver.js';
import { currentReport } from '../sinks/current-report.js';

/** The `slack` reporter's options: `reporting.slack`, with `reporting.owners` for notices. */
const options = slackSchema.extend({
  url: slackSchema.shape.url.optional(),
  owners: ownersSchema.optional(),
});
export type SlackOptions = z.output<typeof options>;

/** A Slack message: fallback text and blocks (Block Kit), as incoming webhooks take it. */
export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
  channel?: string;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
/** Slack's own escaping for text it shows: &, < and > only. */
const slackEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/**
 * The summary of a run as Slack blocks: what ran and what it did, open findings by severity,
 * scores, and the new findings at or above `newFindingsAt` (at most ten, with how many more).
 */
export function runSummaryMessage(
  result: RunResult,
  report: ComplianceReport,
  newFindingsAt: SlackOptions['newFindingsAt'],
): SlackMessage {
  const outcomes = result.monkeys.flatMap((m) => m.outcomes);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const dropped = result.monkeys.reduce((n, m) => n + m.gated.dropped.length, 0);
  const s = report.summary;
  const monkeys = result.monkeys.map((m) => m.monkey).join(', ') || 'no monkey';
  const head = `Simian ${result.dryRun ? 'dry run' : 'run'} ${result.status}: ${monkeys}`;
  const fresh = report.findings.filter(
    (f) =>
      (f.change === 'new' || f.change === 'regressed') &&
      f.status === 'open' &&
      severityRank(f.severity) >= severityRank(newFindingsAt),
  );
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: cut(head, 150) } },
    {
      type: 'section',
      fields: [
        mrkdwn(
          `*Actions*\n${count('succeeded')} done, ${count('dry-run')} dry-run, ${count('failed')} failed, ${dropped} held back`,
        ),
        mrkdwn(
          `*Open findings*\n${s.open} (${s.bySeverity.critical} critical, ${s.bySeverity.high} high)`,
        ),
        mrkdwn(`*Since last run*\n${s.new} new, ${s.regressed} regressed, ${s.resolved} resolved`),
        mrkdwn(
          `*Scores*\n${
            report.frameworks
              .filter((f) => f.score !== null)
              .slice(0, 4)
              .map((f) => `${slackEscape(f.title)} ${f.score}%`)
              .join('\n') || '–'
          }`,
        ),
      ],
    },
  ];
  if (fresh.length > 0) {
    const lines = fresh
      .slice(0, 10)
      .map(
        (f) =>
          `• *${f.severity}* \`${f.ruleId}\` ${slackEscape(cut(`${f.resource.namespace ?? f.resource.region ?? ''}/${f.resource.kind}/${f.resource.name}`, 80))}: ${slackEscape(cut(f.message, 160))}`,
      );
    if (fresh.length > 10) lines.push(`…and ${fresh.length - 10} more`);
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*New ${newFindingsAt}-or-worse findings (${fresh.length})*\n${lines.join('\n')}`,
      ),
    });
  }
  const failed = result.monkeys.filter((m) => m.error);
  if (failed.length > 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*Failed:* ${failed.map((m) => `${m.monkey}: ${slackEscape(cut(m.error!.split('\n')[0]!, 200))}`).join('; ')}`,
      ),
    });
  }
  blocks.push({ type: 'context', elements: [mrkdwn(`run ${result.runId} · ${result.startedAt}`)] });
  const text = `${head}. ${s.open} open findings, ${fresh.length} new at ${newFindingsAt} or worse.`;
  return { text, blocks };
}

/** An owner notice (a mark, an act) as Slack blocks. */
export function ownerNoticeMessage(event: DomainEvent, owner: string | undefined): SlackMessage {
  const deadline =
    typeof event.data?.['deadline'] === 'string' ? event.data['deadline'] : undefined;
  const rules = Array.isArray(event.data?.['rules'])
    ? (event.data['rules'] as unknown[]).map(String)
    : [];
  const refs = event.resources
    .slice(0, 10)
    .map((r) => `• \`${slackEscape(r.ref)}\`${r.verb ? ` (${r.verb})` : ''}`);
  if (event.resources.length > 10) refs.push(`…and ${event.resources.length - 10} more`);
  const who = owner ? `*${slackEscape(owner)}*: ` : '*No owner*: ';
  const blocks: Array<Record<string, unknown>> = [
    { type: 'section', text: mrkdwn(`${who}${slackEscape(event.text)}`) },
  ];
  const facts = [
    `*Event*\n${event.type} by ${event.monkey}${event.dryRun ? ' (dry run)' : ''}`,
    ...(deadline ? [`*Acts after*\n${deadline}`] : []),
    ...(rules.length ? [`*Rules*\n${rules.map((r) => `\`${slackEscape(r)}\``).join(', ')}`] : []),
  ];
  blocks.push({ type: 'section', fields: facts.map(mrkdwn) });
  if (refs.length > 0) blocks.push({ type: 'section', text: mrkdwn(refs.join('\n')) });
  blocks.push({ type: 'context', elements: [mrkdwn(`run ${event.runId} · ${event.at}`)] });
  return { text: `${owner ? `${owner}: ` : ''}${event.text}`, blocks };
}

/** Test knobs of {@link createSlackReporter}. */
export interface SlackTiming {
  /** @default 1000 */
  backoffMs?: number;
}

/**
 * Slack: after each run a summary (and its new severe findings) to `url`; owner notices (the
 * janitor's and conformity's marks and acts) to each owner's route, or the fallback. A route is a
 * URL, or `#channel` posted through `url`. Delivery is in order, in the background, retried with
 * backoff; a failure is logged without the URL and never stops a run.
 */
export function createSlackReporter(
  config: SlackOptions,
  context: LiveContext,
  timing: SlackTiming = {},
): LiveReporter {
  const logger = context.logger.child({ reporter: 'slack', sink: context.label });
  const backoffMs = timing.backoffMs ?? 1000;
  const routes = config.owners?.routes ?? {};
  const destinations: Array<[string, string]> = [
    ...Object.entries(routes),
    ['(fallback)', config.owners?.fallback ?? ''],
  ];
  for (const [owner, dest] of destinations) {
    if (dest.startsWith('#') && !config.url) {
      throw new SimianError(
        'CONFIG_INVALID',
        `reporting.owners: ${owner} goes to ${dest}, a channel, but reporting.slack.url is not set`,
        {
          hint: 'give the owner an incoming-webhook URL, or set reporting.slack.url',
        },
      );
    }
  }
  const queue = new SendQueue();
  const delivery = (url: string): Delivery => ({
    url,
    timeout: config.timeout,
    retries: config.retries,
    backoffMs,
  });
  const send = (
    dest: string,
    message: SlackMessage,
    about: Record<string, unknown>,
    what: string,
  ) => {
    const body = dest.startsWith('#') ? { ...message, channel: dest } : message;
    const url = dest.startsWith('#') ? config.url! : dest;
    queue.send(async () => {
      await deliverJson(delivery(url), body, logger, about, what);
    });
  };
  const noticeTypes = new Set(config.owners?.events ?? []);

  return {
    name: 'slack',
    onEvent(event) {
      if (!config.owners || !noticeTypes.has(event.type)) return;
      if (event.dryRun && !config.dryRuns) return;
      const owners = event.owners.length > 0 ? event.owners : [undefined];
      const byDest = new Map<string, Array<string | undefined>>();
      for (const owner of owners) {
        const dest = (owner !== undefined ? routes[owner] : undefined) ?? config.owners.fallback;
        if (!dest) {
          logger.warn(
            { event: event.type, subject: event.subject, owner },
            'no route for this owner and no fallback: the notice is dropped',
          );
          continue;
        }
        byDest.set(dest, [...(byDest.get(dest) ?? []), owner]);
      }
      for (const [dest, list] of byDest) {
        const owner = list.filter((o): o is string => o !== undefined).join(', ') || undefined;
        send(
          dest,
          ownerNoticeMessage(event, owner),
          { event: event.type, subject: event.subject, owner, runId: event.runId },
          `the ${event.type} notice of ${event.subject}`,
        );
      }
    },
    onRunEnd(result) {
      if (config.url && (!result.dryRun || config.dryRuns)) {
        const report = currentReport(result, context);
        send(
          config.url,
          runSummaryMessage(result, report, config.newFindingsAt),
          { runId: result.runId },
          `the summary of run ${result.runId}`,
        );
      }
      return queue.flush();
    },
    flush: () => queue.flush(),
  };
}

/** Slack: run summaries and owner notices (reporting.slack and reporting.owners, or --reporter slack=URL). */
export const slackReporter = defineReporter({
  name: 'slack',
  description:
    "Slack blocks: each run's summary with its new severe findings, and owner notices routed per owner (reporting.slack, reporting.owners, or --reporter slack=URL)",
  options,
  live: (o, context) => createSlackReporter(o, context),
  fromFlag: (url) => ({ url }),
});
