import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMonkeyClusterRole } from './deploy-rbac.js';
import { loadRegistry } from './registry.js';

describe('deploy/kubernetes/rbac-*.yaml', async () => {
  const registry = await loadRegistry();
  for (const monkey of registry.monkeys()) {
    it(`${monkey.name}: matches the providers' registries (run \`npm run deploy:rbac\` after changing a kind or verb)`, () => {
      const file = new URL(`../../../deploy/kubernetes/rbac-${monkey.name}.yaml`, import.meta.url);
      expect(readFileSync(file, 'utf8')).toBe(renderMonkeyClusterRole(registry, monkey.name));
    });
  }
});
