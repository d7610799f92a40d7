import { describe, expect, it } from 'vitest';
import { runsForPeople, summaryForPeople } from './history.js';

describe('history for people', () => {
  it('puts failed first in the summary and leaves zeros out, so the cut never hides it', () => {
    const summary = {
      findings: 12,
      allowed: 3,
      dropped: 40,
      succeeded: 1,
      dryRun: 0,
      skipped: 0,
      failed: 2,
      incomplete: 0,
    };
    expect(summaryForPeople(summary)).toBe('failed=2 succeeded=1 dropped=40 allowed=3 findings=12');
    const table = runsForPeople([
      {
        id: '20261123101500-ab12cd34',
        kind: 'run',
        startedAt: '2026-11-23T10:15:00.000Z',
        endedAt: '2026-11-23T10:16:00.000Z',
        status: 'failed',
        dryRun: false,
        monkeys: ['chaos', 'conformity'],
        summary,
      },
    ]);
    expect(table).toContain('failed=2');
  });
});
