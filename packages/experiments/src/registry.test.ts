import { describe, expect, it } from 'vitest';
import { createActivityRegistry } from './builtins.js';

const registry = createActivityRegistry();

describe('the activity registry', () => {
  it('has the provider types of the Chaos Toolkit format', () => {
    expect(registry.providerTypes().map((p) => p.type)).toEqual(['http', 'process', 'python']);
  });

  it('brings no Python-named function of its own: those come from activity packs', () => {
    expect(registry.pythonFunctions()).toEqual([]);
  });
});
