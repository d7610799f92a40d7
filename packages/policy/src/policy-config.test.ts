import { describe, expect, it } from 'vitest';
import { createPolicyEngine } from './engine-from-config.js';
import { policyConfigSchema } from './policy-config.js';

describe('policyConfigSchema', () => {
  it('fills defaults from nothing', () => {
    expect(policyConfigSchema.parse(undefined)).toEqual({
      builtin: true,
      bundles: [],
      regoDirs: [],
      rules: {},
      params: {},
      waivers: [],
      allowAnnotationWaivers: true,
      batchSize: 100,
    });
  });

  it('rejects unknown keys and bad rule settings', () => {
    expect(policyConfigSchema.safeParse({ bundel: 'x' }).success).toBe(false);
    expect(
      policyConfigSchema.safeParse({ rules: { 'K8S-IMG-001': { severity: 'urgent' } } }).success,
    ).toBe(false);
    expect(
      policyConfigSchema.safeParse({ waivers: [{ rule: 'K8S-IMG-001', ref: 'x' }] }).success,
    ).toBe(false);
  });

  it('builds an engine over the built-in bundle', async () => {
    const engine = await createPolicyEngine({ rules: { 'AWS-*': { enabled: false } } });
    expect(engine.rules.filter((r) => r.enabled).every((r) => r.id.startsWith('K8S-'))).toBe(true);
    expect(engine.rules).toHaveLength(15);
  });
});
