import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigReference } from './config-reference.js';
import { defaultRegistry } from './registry.js';

describe('docs/configuration.md', () => {
  it('matches the config schema (run `npm run docs:config` after changing a schema)', () => {
    const committed = readFileSync(
      new URL('../../../docs/configuration.md', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(renderConfigReference(defaultRegistry()));
  });
});
