import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '@simian/core';
import { janitorConfigSchema } from './config.js';
import { JANITOR_RULES } from './rules/index.js';

// docs/janitor.md names every rule with the default its schema has: the page cannot drift from the
// registry (a new rule without a line there fails here).
const page = readFileSync(new URL('../../../docs/janitor.md', import.meta.url), 'utf8');
const defaults = janitorConfigSchema.parse({}).rules as Record<string, { after: number }>;

describe('docs/janitor.md', () => {
  it('has a row for every rule, with its default after', () => {
    for (const rule of JANITOR_RULES) {
      const row = page.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      const after = defaults[rule.id]!.after;
      const cell = row!.split('|')[3]!.trim();
      expect(cell, rule.id).toBe(after === 0 ? '–' : formatDuration(after));
    }
  });
});
