import { describe, expect, it } from 'vitest';
import { FEATURES, loadActivities, loadRegistry } from './registry.js';

describe('the features the CLI registers', async () => {
  const registry = await loadRegistry();

  it('registers each package once, under the name its entry gives, and each contributes something', () => {
    const names = FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(registry.features().map((f) => f.feature.name)).toEqual(names);
    for (const { feature, contributes } of registry.features()) {
      const count =
        contributes.monkeys.length + contributes.providers.length + contributes.activities.length;
      expect(count, `${feature.name} contributes nothing`).toBeGreaterThan(0);
    }
  });

  it('every monkey, provider and activity function comes from a feature', async () => {
    const fromFeatures = registry.features().map((f) => f.contributes);
    expect(registry.monkeys().map((m) => m.name)).toEqual(fromFeatures.flatMap((c) => c.monkeys));
    expect(registry.providers().map((p) => p.name)).toEqual(
      fromFeatures.flatMap((c) => c.providers),
    );
    expect((await loadActivities(registry)).pythonFunctions().map((f) => f.name)).toEqual(
      fromFeatures.flatMap((c) => c.activities).sort(),
    );
  });
});
