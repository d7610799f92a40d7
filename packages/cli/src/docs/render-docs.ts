import { readFileSync } from 'node:fs';
import type { Registry } from '@simian/core';
import { renderConfigReference } from '../config-reference.js';
import { gateRulesTable, kindsTable, verbsTable } from './registry-tables.js';
import { fillSections } from './sections.js';

/** The repository's docs folder. */
export const DOCS = new URL('../../../../docs/', import.meta.url);

/**
 * Every generated doc, as it should read now: docs/configuration.md whole, and the generated
 * sections of the hand-written pages (the tables whose rows are registry entries).
 */
export function renderDocs(registry: Registry): Map<string, string> {
  const out = new Map<string, string>();
  out.set('configuration.md', renderConfigReference(registry));
  const provider = (name: string) => {
    const factory = registry.providers().find((p) => p.name === name);
    if (!factory) throw new Error(`no provider "${name}" is registered`);
    return factory;
  };
  const sections: Record<string, Record<string, string>> = {
    'providers.md': {
      'kubernetes-kinds': kindsTable(provider('kubernetes')),
      'kubernetes-verbs': verbsTable(provider('kubernetes')),
      'aws-kinds': kindsTable(provider('aws')),
      'aws-verbs': verbsTable(provider('aws')),
    },
    'safety.md': { 'gate-rules': gateRulesTable() },
  };
  for (const [file, bodies] of Object.entries(sections)) {
    const text = readFileSync(new URL(file, DOCS), 'utf8');
    out.set(file, fillSections(`docs/${file}`, text, bodies));
  }
  return out;
}
