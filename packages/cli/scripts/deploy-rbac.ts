// Writes deploy/kubernetes/rbac-MONKEY.yaml for each registered monkey (see src/deploy-rbac.ts).
import { writeFileSync } from 'node:fs';
import { renderMonkeyClusterRole } from '../src/deploy-rbac.js';
import { loadRegistry } from '../src/registry.js';

const registry = await loadRegistry();
for (const m of registry.monkeys()) {
  const target = new URL(`../../../deploy/kubernetes/rbac-${m.name}.yaml`, import.meta.url);
  writeFileSync(target, renderMonkeyClusterRole(registry, m.name));
  process.stdout.write(`wrote ${target.pathname}\n`);
}
