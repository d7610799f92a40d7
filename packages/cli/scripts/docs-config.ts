// Writes every generated doc: docs/configuration.md from the config schema, and the generated
// sections of the other pages from the registries (see src/docs/render-docs.ts).
import { writeFileSync } from 'node:fs';
import { DOCS, renderDocs } from '../src/docs/render-docs.js';
import { defaultRegistry } from '../src/registry.js';

for (const [file, text] of renderDocs(defaultRegistry())) {
  const target = new URL(file, DOCS);
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
