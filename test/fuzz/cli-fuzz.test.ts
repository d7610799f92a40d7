// The fuzz suite as `npm test` runs it: a few hundred seeded cases within a time bound. The
// benchmark (test/bench/fuzz.ts) runs ten thousand and more, and writes docs/performance.md.
import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz.js';

const SEED = Number(process.env['SIMIAN_FUZZ_SEED'] ?? 20261203);

describe('the CLI under broken input (fast-check, seeded)', () => {
  it('ends every case with exit 0-3 and one clear line, in time, with no trace and no half-written file', async () => {
    const report = await runFuzz({
      seed: SEED,
      count: 300,
      timeLimitMs: 200_000,
      caseTimeoutMs: 30_000,
    });
    expect(report.failures).toEqual([]);
    expect(report.cases).toBeGreaterThanOrEqual(100);
    // Most broken inputs are bad input; a few stay valid (or only break a flag).
    expect(report.byCode['2'] ?? 0).toBeGreaterThan(report.cases / 3);
  }, 400_000);
});
