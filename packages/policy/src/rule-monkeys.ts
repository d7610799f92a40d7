import { parse } from 'yaml';
import { DEFAULT_RULE_MONKEY } from './rule-metadata.js';

/**
 * The monkeys whose rules a Rego file holds, read from its METADATA blocks (`custom.monkey`; a
 * rule that names none is conformity's) before opa has compiled it, so the build can give each
 * monkey an aggregate entrypoint of its own. A block that does not parse is left to opa, which
 * rejects it with a better message.
 */
export function monkeysOfRego(text: string): Set<string> {
  const monkeys = new Set<string>();
  for (const block of metadataBlocks(text)) {
    let value: unknown;
    try {
      value = parse(block);
    } catch {
      continue;
    }
    const custom = (value as { custom?: Record<string, unknown> } | null)?.custom;
    if (custom?.['id'] === undefined) continue;
    const monkey = custom['monkey'];
    monkeys.add(typeof monkey === 'string' ? monkey : DEFAULT_RULE_MONKEY);
  }
  return monkeys;
}

/** The YAML of every `# METADATA` comment block, without the comment marks. */
function metadataBlocks(text: string): string[] {
  const blocks: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '# METADATA') continue;
    const yaml: string[] = [];
    for (i++; i < lines.length && lines[i]!.trimStart().startsWith('#'); i++) {
      yaml.push(lines[i]!.trimStart().replace(/^# ?/, ''));
    }
    blocks.push(yaml.join('\n'));
  }
  return blocks;
}
