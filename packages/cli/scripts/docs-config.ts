// Writes every generated doc: docs/configuration.md from the config schema, the generated
// sections of the other pages from the registries (see src/docs/render-docs.ts), and
// packages/cli/config.schema.json (what `simian schema` prints, without loading a feature).
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '@simian/core';
import { DOCS, renderDocs } from '../src/docs/render-docs.js';
import { loadRegistry } from '../src/registry.js';
import { CONFIG_SCHEMA_FILE, configSchemaText } from '../src/schema-file.js';

const registry = await loadRegistry();
for (const [file, text] of renderDocs(registry)) {
  const target = new URL(file, DOCS);
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
writeFileSync(CONFIG_SCHEMA_FILE, configSchemaText(configJsonSchema(registry)));
process.stdout.write(`wrote ${CONFIG_SCHEMA_FILE.toString()}\n`);
