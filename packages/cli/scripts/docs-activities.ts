// Writes the table of native functions in docs/experiments.md from the activity registry (see
// src/activity-reference.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderActivityTable, withActivityTable } from '../src/activity-reference.js';
import { loadActivities } from '../src/registry.js';

const target = new URL('../../../docs/experiments.md', import.meta.url);
const page = readFileSync(target, 'utf8');
writeFileSync(target, withActivityTable(page, renderActivityTable(await loadActivities())));
process.stdout.write(`wrote the activity table of ${target.pathname}\n`);
