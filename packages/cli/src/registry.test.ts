import { describe, expect, it } from 'vitest';
import { defaultActivities, defaultRegistry, FEATURES } from './registry.js';

describe('the features the CLI registers', () => {
  const registry = defaultRegistry();

  it('registers each package once, and each contributes something', () => {
    const names = FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { feature, contributes } of registry.features()) {
      const count =
        contributes.monkeys.length + contributes.providers.length + contributes.activities.length;
      expect(count, `${feature.name} contributes nothing`).toBeGreaterThan(0);
    }
  });

  it('every monkey, provider and activity function comes from a feature', () => {
    const fromFeatures = registry.features().map((f) => f.contributes);
    expect(registry.monkeys().map((m) => m.name)).toEqual(fromFeatures.flatMap((c) => c.monkeys));
    expect(registry.providers().map((p) => p.name)).toEqual(
      fromFeatures.flatMap((c) => c.providers),
    );
    expect(
      defaultActivities(registry)
        .pythonFunctions()
        .map((f) => f.name),
    ).toEqual(fromFeatures.flatMap((c) => c.activities).sort());
  });
});
