import { describe, expect, it } from 'vitest';
import { seedTags } from './seed-aws-tags.js';

describe('seedTags', () => {
  it('adds the seed id and a creation time ageDays before now', () => {
    const now = new Date('2026-11-23T12:00:00.000Z');
    expect(seedTags('old-volume', { owner: 'ledger-team' }, 400, now)).toEqual([
      { Key: 'owner', Value: 'ledger-team' },
      { Key: 'simian:seed', Value: 'old-volume' },
      { Key: 'simian:created-at', Value: '2025-10-19T12:00:00.000Z' },
    ]);
  });

  it('adds no creation time when no age is given', () => {
    expect(seedTags('x', {}).map((t) => t.Key)).toEqual(['simian:seed']);
  });
});
