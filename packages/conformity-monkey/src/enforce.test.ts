import { ConfigError } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { validateEnforcedRules } from './enforce.js';

const catalogue = [
  { id: 'K8S-EXPO-001', enforceable: true, enabled: true },
  { id: 'K8S-OWN-001', enforceable: true, enabled: false },
  { id: 'K8S-IMG-001', enforceable: false, enabled: true },
];

describe('validateEnforcedRules', () => {
  it('accepts enforceable rules, and notes an enforced rule that is disabled', () => {
    const r = validateEnforcedRules(['K8S-EXPO-001', 'K8S-OWN-001'], catalogue);
    expect([...r.ids]).toEqual(['K8S-EXPO-001', 'K8S-OWN-001']);
    expect(r.notes).toEqual([
      'enforced rule K8S-OWN-001 is disabled in policy.rules, so it never leads to teardown',
    ]);
  });

  it('accepts nothing enforced', () => {
    expect(validateEnforcedRules([], catalogue).ids.size).toBe(0);
  });

  it('fails with one issue per bad id, each at its path, and the enforceable ids as hint', () => {
    let error: unknown;
    try {
      validateEnforcedRules(['K8S-IMG-001', 'k8s-expo-001'], catalogue);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.issues.map((i) => i.path)).toEqual([
      'monkeys.conformity.enforce.rules[0]',
      'monkeys.conformity.enforce.rules[1]',
    ]);
    expect(e.issues[0]!.message).toContain('report-only');
    expect(e.hint).toBe('enforceable rules in the loaded bundles: K8S-EXPO-001, K8S-OWN-001');
  });
});
