// Slack against a Slack-shaped receiver on loopback: the run summary with its new severe findings,
// owner notices routed per owner (a URL, a #channel through the summary's webhook, the fallback),
// retries on a busy receiver, and no URL in any log.
import { Store, type DomainEvent, type RunResult } from '@simian/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capturedLogger, startReceiver, type Receiver } from '../__fixtures__/receiver.js';
import { clusterAdmin, formula, privileged, RULES } from '../__fixtures__/compliance.js';
import { createSlackReporter, type SlackOptions } from './slack.js';

const TOKEN = 'xoxb-SECRET-42';
let rx: Receiver;
beforeAll(async () => (rx = await startReceiver()));
afterAll(() => rx.close());
beforeEach(() => {
  rx.received = [];
  rx.answers = [200];
});

const result: RunResult = {
  runId: 'run-2',
  status: 'completed',
  dryRun: false,
  startedAt: '2026-11-02T10:00:00.000Z',
  endedAt: '2026-11-02T10:00:05.000Z',
  monkeys: [
    {
      monkey: 'conformity',
      gated: { monkey: 'conformity', dryRun: false, findings: [], allowed: [], dropped: [] },
      outcomes: [],
    },
  ],
  incomplete: [],
};

function slack(options: Partial<SlackOptions>, store?: Store) {
  const log = capturedLogger();
  const reporter = createSlackReporter(
    {
      newFindingsAt: 'high',
      timeout: 2000,
      retries: 2,
      dryRuns: false,
      url: `${rx.base}/summary/${TOKEN}`,
      ...options,
    },
    {
      logger: log.logger,
      label: 'reporting.slack',
      rules: () => RULES,
      ...(store ? { store: () => store } : {}),
    },
    { backoffMs: 5 },
  );
  return { reporter, ...log };
}

const marked = (owners: string[]): DomainEvent => ({
  type: 'marked',
  monkey: 'janitor',
  runId: 'run-2',
  dryRun: false,
  at: '2026-11-02T10:00:03.000Z',
  subject: 'shop/orphan-pvc',
  resources: [
    { ref: 'k8s:prod/shop/PersistentVolumeClaim/orphan', verb: 'mark', status: 'succeeded' },
  ],
  owners,
  text: 'shop/orphan-pvc is unused and will be deleted after 2026-11-09',
  data: { rules: ['JANITOR-PVC-001'], deadline: '2026-11-09T10:00:00.000Z' },
});

describe('slack', () => {
  it('posts the run summary as blocks, listing the findings new since the last run at high or worse', async () => {
    const store = new Store(':memory:');
    store.recordFindings('run-1', [privileged, formula], '2026-11-01T10:00:00.000Z', 'conformity');
    store.recordFindings(
      'run-2',
      [privileged, formula, clusterAdmin],
      '2026-11-02T10:00:00.000Z',
      'conformity',
    );
    const { reporter } = slack({}, store);
    await reporter.onRunEnd!(result);
    expect(rx.received).toHaveLength(1);
    const [summary] = rx.received;
    expect(summary!.path).toBe(`/summary/${TOKEN}`);
    const blocks = summary!.body['blocks'] as Array<{
      type: string;
      text?: { text: string };
      fields?: Array<{ text: string }>;
    }>;
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Simian run completed: conformity' },
    });
    expect(blocks[1]!.fields!.map((f) => f.text)).toContain(
      '*Open findings*\n3 (1 critical, 1 high)',
    );
    const fresh = blocks.find((b) => b.text?.text.startsWith('*New high-or-worse findings (1)*'));
    expect(fresh!.text!.text).toContain('`K8S-RBAC-001`');
    expect(summary!.body['text']).toContain('1 new at high or worse');
    store.close();
  });

  it('routes owner notices: an owner’s URL, a #channel through the summary webhook, else the fallback', async () => {
    const { reporter } = slack({
      owners: {
        routes: { 'team-shop': `${rx.base}/shop/${TOKEN}`, 'team-data': '#data-alerts' },
        fallback: `${rx.base}/fallback/${TOKEN}`,
        events: ['marked'],
      },
    });
    void reporter.onEvent!(marked(['team-shop']));
    void reporter.onEvent!(marked(['team-data']));
    void reporter.onEvent!(marked(['team-unknown']));
    void reporter.onEvent!(marked([]));
    void reporter.onEvent!({ ...marked(['team-shop']), type: 'fault-injected' });
    await reporter.flush!();
    expect(rx.received.map((r) => [r.path, r.body['channel'] ?? null])).toEqual([
      [`/shop/${TOKEN}`, null],
      [`/summary/${TOKEN}`, '#data-alerts'],
      [`/fallback/${TOKEN}`, null],
      [`/fallback/${TOKEN}`, null],
    ]);
    const notice = rx.received[0]!.body as {
      text: string;
      blocks: Array<{ fields?: Array<{ text: string }> }>;
    };
    expect(notice.text).toBe(
      'team-shop: shop/orphan-pvc is unused and will be deleted after 2026-11-09',
    );
    expect(notice.blocks[1]!.fields!.map((f) => f.text)).toContain(
      '*Acts after*\n2026-11-09T10:00:00.000Z',
    );
  });

  it('retries a busy receiver with backoff, then gives up, logs without the URL, and the run goes on', async () => {
    rx.answers = [503, 503, 200];
    const ok = slack({
      owners: { routes: {}, fallback: `${rx.base}/fallback/${TOKEN}`, events: ['marked'] },
    });
    void ok.reporter.onEvent!(marked([]));
    await ok.reporter.flush!();
    expect(rx.received).toHaveLength(3);

    rx.received = [];
    rx.answers = [503];
    const failing = slack({
      owners: { routes: {}, fallback: `${rx.base}/fallback/${TOKEN}`, events: ['marked'] },
    });
    void failing.reporter.onEvent!(marked([]));
    await failing.reporter.flush!();
    expect(rx.received).toHaveLength(3);
    expect(failing.logs().find((l) => l['level'] === 40)).toMatchObject({
      error: 'HTTP 503',
      attempts: 3,
    });
    expect(failing.lines.join('')).not.toContain(TOKEN);
  });

  it('a #channel route needs the summary webhook; dry runs are quiet unless asked', async () => {
    expect(() =>
      slack({ url: undefined, owners: { routes: { x: '#x' }, events: ['marked'] } }),
    ).toThrow('a channel, but reporting.slack.url is not set');
    const { reporter } = slack({
      owners: { routes: {}, fallback: `${rx.base}/f`, events: ['marked'] },
    });
    void reporter.onEvent!({ ...marked(['a']), dryRun: true });
    await reporter.onRunEnd!({ ...result, dryRun: true });
    expect(rx.received).toEqual([]);
  });
});
