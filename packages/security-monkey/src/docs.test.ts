// docs/security.md lists every security rule and every probe, with its frameworks.
import { readFileSync } from 'node:fs';
import { loadBundle, builtinBundlePath } from '@simian/policy';
import { describe, expect, it } from 'vitest';
import { PROBE_RULES } from './probe/probe-rules.js';

const doc = readFileSync(new URL('../../../docs/security.md', import.meta.url), 'utf8');
const row = (id: string) => doc.split('\n').find((l) => l.startsWith(`| ${id} |`));

describe('docs/security.md', () => {
  it('has a row for every security rule, with its frameworks', async () => {
    const rules = (await loadBundle(builtinBundlePath())).rules.filter(
      (r) => r.monkey === 'security',
    );
    expect(rules.length).toBeGreaterThan(50);
    for (const rule of rules) {
      expect(row(rule.id), rule.id).toBeDefined();
      for (const f of rule.frameworks) expect(row(rule.id), `${rule.id} ${f}`).toContain(f);
    }
  });

  it('has a row for every probe, saying what it sends', () => {
    for (const rule of Object.values(PROBE_RULES)) {
      expect(row(rule.id), rule.id).toContain(rule.sends);
    }
  });
});
