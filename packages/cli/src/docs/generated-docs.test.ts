import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '@simian/core';
import { loadRegistry } from '../registry.js';
import { CONFIG_SCHEMA_FILE, configSchemaText } from '../schema-file.js';
import { DOCS, renderDocs } from './render-docs.js';

// Imported once, while the file is collected: the features' packages take seconds to load on a
// busy machine, which is no part of what the tests time.
const registry = await loadRegistry();

describe('generated docs', () => {
  const rendered = renderDocs(registry);

  it.each([...rendered.keys()])(
    'docs/%s matches the registries (run `npm run docs:config` after changing one)',
    (file) => {
      expect(readFileSync(new URL(file, DOCS), 'utf8')).toBe(rendered.get(file));
    },
  );
});

describe('packages/cli/config.schema.json (what `simian schema` prints)', () => {
  it('matches the config schema (run `npm run docs:config` after changing a schema)', () => {
    const committed = readFileSync(CONFIG_SCHEMA_FILE, 'utf8');
    expect(committed).toBe(configSchemaText(configJsonSchema(registry)));
  });
});
