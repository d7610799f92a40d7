import { SEVERITIES, type Severity } from '@simian/core';
import type { ReportedFinding } from '../model/finding.js';

/** Findings of one owner, or of one namespace or account. */
export interface GroupSummary {
  key: string;
  open: number;
  waived: number;
  /** Open findings by severity. */
  bySeverity: Record<Severity, number>;
  resources: number;
}

/** Open and waived findings counted per key (owner, namespace...), the worst groups first. */
export function summarizeBy(
  findings: readonly ReportedFinding[],
  keyOf: (f: ReportedFinding) => string,
): GroupSummary[] {
  const groups = new Map<string, GroupSummary & { refs: Set<string> }>();
  for (const f of findings) {
    if (f.status === 'resolved') continue;
    const key = keyOf(f);
    let g = groups.get(key);
    if (!g) {
      g = { key, open: 0, waived: 0, bySeverity: emptyBySeverity(), resources: 0, refs: new Set() };
      groups.set(key, g);
    }
    g.refs.add(f.resource.ref);
    if (f.status === 'waived') g.waived += 1;
    else {
      g.open += 1;
      g.bySeverity[f.severity] += 1;
    }
  }
  return [...groups.values()]
    .map(({ refs, ...g }) => ({ ...g, resources: refs.size }))
    .sort((a, b) => weight(b) - weight(a) || a.key.localeCompare(b.key));
}

/** Zero for every severity. */
export function emptyBySeverity(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

/** Critical findings outweigh any number of lower ones, and so on down. */
function weight(g: GroupSummary): number {
  return SEVERITIES.reduce((w, s, i) => w + g.bySeverity[s] * 1000 ** i, 0);
}
