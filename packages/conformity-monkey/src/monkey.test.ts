import { ConfigError, formatDuration, Store, type DomainEvent } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { conformityConfigSchema } from './config.js';
import { conformityMonkey } from './monkey.js';
import { configWith, run } from './__fixtures__/context.js';
import { MemoryProvider } from '@simian/testing';
import { kubeFixture } from './__fixtures__/resources.js';

describe('conformityMonkey', () => {
  it('registers: strict schema, destructive, and the verbs and kinds it needs', () => {
    const config = configWith();
    expect(conformityMonkey.name).toBe('conformity');
    expect(conformityMonkey.destructive).toBe(true);
    expect(config.monkeys['conformity']).toBeDefined();
    // Declared as provider:verb:Kind, so `simian rbac` grants scale and delete on workloads only.
    expect(conformityMonkey.verbs).toEqual(
      expect.arrayContaining([
        'kubernetes:mark:*',
        'kubernetes:unmark:*',
        'kubernetes:scale:Deployment',
        'kubernetes:delete:Deployment',
        'aws:stop:Instance',
      ]),
    );
    expect(conformityMonkey.verbs).not.toContain('kubernetes:delete:Namespace');
    expect(conformityMonkey.reads).toContain('kubernetes:PodDisruptionBudget');
  });

  it('has safe defaults: report only, 7 days of grace, scale to zero, no webhook of its own', () => {
    const c = conformityConfigSchema.parse({});
    expect(c.enforce.rules).toEqual([]);
    expect(formatDuration(c.gracePeriod)).toBe('7d');
    expect(c.teardown).toBe('scale-to-zero');
    expect(c).not.toHaveProperty('notify');
    expect(c.policy.allowAnnotationWaivers).toBe(true);
  });

  it('rejects unknown keys at their path, the notify section that reporters replaced among them', () => {
    const bad = () =>
      configWith('enforce: { rule: [K8S-EXPO-001] }\nnotify: { webhookUrl: "https://x" }');
    expect(bad).toThrow(ConfigError);
    const message = (() => {
      try {
        bad();
      } catch (e) {
        return (e as ConfigError).message;
      }
      return '';
    })();
    expect(message).toContain('monkeys.conformity.enforce');
    expect(message).toContain('monkeys.conformity.notify');
  });
});

describe('events through a real run', () => {
  it("tells the run's reporters when a stack is marked, once per stack, with its owner", async () => {
    const events: DomainEvent[] = [];
    const recorder = { name: 'recorder', onEvent: (e: DomainEvent) => void events.push(e) };
    const p = new MemoryProvider('kubernetes', await kubeFixture('shop.yaml'), 'test');
    const config = configWith(`dryRun: false
enforce: { rules: [K8S-EXPO-001] }`);
    const result = await run(config, [p], new Date('2026-11-02T10:00:00Z'), new Store(':memory:'), [
      recorder,
    ]);
    expect(result.monkeys[0]!.outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
    expect(events.map((e) => [e.type, e.subject])).toEqual([['marked', 'k8s:test/shop/web']]);
    expect(events[0]!.text).toContain('will be torn down after 2026-11-09T10:00:00.000Z');
    expect(events[0]).toMatchObject({
      monkey: 'conformity',
      dryRun: false,
      owners: ['shop-team'],
      data: { rules: ['K8S-EXPO-001'], deadline: '2026-11-09T10:00:00.000Z' },
    });
  });
});
