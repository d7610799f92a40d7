import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry.js';
import { DOCS, renderDocs } from './render-docs.js';

describe('generated docs', () => {
  const rendered = renderDocs(defaultRegistry());

  it.each([...rendered.keys()])(
    'docs/%s matches the registries (run `npm run docs:config` after changing one)',
    (file) => {
      expect(readFileSync(new URL(file, DOCS), 'utf8')).toBe(rendered.get(file));
    },
  );
});
