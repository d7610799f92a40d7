// Writes docs/configuration.md and packages/cli/config.schema.json (what `simian schema` prints,
// without loading a feature) from the config schema (see src/config-reference.ts).
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '@simian/core';
import { renderConfigReference } from '../src/config-reference.js';
import { configSchemaText } from '../src/schema-file.js';
import { loadRegistry } from '../src/registry.js';

const registry = await loadRegistry();
const target = new URL('../../../docs/configuration.md', import.meta.url);
writeFileSync(target, renderConfigReference(registry));
writeFileSync(
  new URL('../config.schema.json', import.meta.url),
  configSchemaText(configJsonSchema(registry)),
);
