// Writes docs/configuration.md from the config schema (see src/config-reference.ts).
import { writeFileSync } from 'node:fs';
import { renderConfigReference } from '../src/config-reference.js';
import { defaultRegistry } from '../src/registry.js';

const target = new URL('../../../docs/configuration.md', import.meta.url);
writeFileSync(target, renderConfigReference(defaultRegistry()));
process.stdout.write(`wrote ${target.pathname}\n`);
