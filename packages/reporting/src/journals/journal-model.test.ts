import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../registry.js';
import { parseJournal } from './journal-model.js';

const file = new URL('../__fixtures__/journals/rollout-v4.json', import.meta.url);
const text = readFileSync(file, 'utf8');

describe('experiment journals', () => {
  it('reads a Chaos Toolkit journal: outcome, hypothesis before and after, activities, rollbacks, latency', () => {
    const j = parseJournal('rollout-v4.json', text);
    expect(j).toMatchObject({
      producer: 'chaostoolkit',
      producerVersion: '1.44.0',
      title: 'Can we roll a new version of a slow service without problem?',
      status: 'completed',
      deviated: true,
      outcome: 'deviated',
      duration: 75,
      hypothesis: {
        title: 'service1 answers within 200 ms',
        before: { met: true },
        after: { met: false },
      },
    });
    expect(j.method.map((a) => [a.name, a.type, a.provider, a.status])).toEqual([
      ['rollout-service2-v4', 'action', 'process', 'succeeded'],
      ['load-test-service1', 'probe', 'process', 'succeeded'],
    ]);
    expect(j.rollbacks[0]).toMatchObject({
      name: 'rollback-service2',
      status: 'failed',
      exception: ['activity failed: exit status 1\n'],
    });
    expect(j.latency).toEqual([
      {
        activity: 'load-test-service1 (latency)',
        unit: 'ms',
        values: [
          { percentile: 'p50', value: 180 },
          { percentile: 'p95', value: 950 },
          { percentile: 'p99', value: 2400 },
        ],
      },
    ]);
  });

  it('says which file and field is wrong', () => {
    expect(() => parseJournal('x.json', '{')).toThrow('x.json is not JSON');
    expect(() => parseJournal('y.json', '{"run": []}')).toThrow(
      'y.json is not an experiment journal: experiment',
    );
  });

  it('html: outcome, the probes before and after, a timeline, the latency chart', () => {
    const data = {
      title: 'Experiments',
      generatedAt: '2026-11-21T00:00:00.000Z',
      journals: [parseJournal('rollout-v4.json', text)],
    };
    const html = renderReport('html', { kind: 'journals', data });
    expect(html).toContain('<span class="st st-fail">deviated</span>');
    expect(html).toContain('Before the method</strong>: steady state met.');
    expect(html).toContain('After the method</strong>: steady state not met.');
    expect(html).toContain('aria-label="Timeline"');
    expect(html).toContain('aria-label="Latency percentiles of the load test"');
    expect(html).toContain('<td class="num">2400 ms</td>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(renderReport('markdown', { kind: 'journals', data })).toContain(
      'Latency (load-test-service1 (latency)): p50 180 ms, p95 950 ms, p99 2400 ms',
    );
  });
});
