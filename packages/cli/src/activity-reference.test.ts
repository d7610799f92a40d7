import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderActivityTable, withActivityTable } from './activity-reference.js';
import { loadActivities } from './registry.js';

describe('the activity table of docs/experiments.md', () => {
  it('lists every native function as the registry has it (run `npm run docs:activities` after changing one)', async () => {
    const page = readFileSync(new URL('../../../docs/experiments.md', import.meta.url), 'utf8');
    const table = renderActivityTable(await loadActivities());
    expect(page).toBe(withActivityTable(page, table));
    expect(page).toContain(
      '| `chaosk8s.node.actions.drain_nodes` | name?, label_selector?, delete_pods_with_local_storage=false, timeout=120',
    );
  });
});
