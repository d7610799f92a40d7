import type { ReportedFinding } from '../model/finding.js';
import { ownerOf } from '../model/finding.js';

/**
 * The janitor's findings carry what deleting their resource saves a month, in US dollars, as
 * `evidence.estimatedMonthlySavings`; this adds them up over open findings.
 */
export const SAVINGS_EVIDENCE_KEY = 'estimatedMonthlySavings';

/** Estimated monthly savings of cleaning up what the janitor found. */
export interface Savings {
  /** US dollars a month. */
  monthly: number;
  resources: number;
  byOwner: Array<{ owner: string; monthly: number; resources: number }>;
}

/** The sum of the open findings' estimated savings; undefined when no finding has any. */
export function savingsOf(findings: readonly ReportedFinding[]): Savings | undefined {
  let monthly = 0;
  const refs = new Set<string>();
  const byOwner = new Map<string, { monthly: number; refs: Set<string> }>();
  for (const f of findings) {
    if (f.status !== 'open') continue;
    const value = f.evidence?.[SAVINGS_EVIDENCE_KEY];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) continue;
    if (refs.has(f.resource.ref)) continue;
    refs.add(f.resource.ref);
    monthly += value;
    const owner = ownerOf(f.resource);
    const o = byOwner.get(owner) ?? { monthly: 0, refs: new Set<string>() };
    o.monthly += value;
    o.refs.add(f.resource.ref);
    byOwner.set(owner, o);
  }
  if (refs.size === 0) return undefined;
  return {
    monthly: round(monthly),
    resources: refs.size,
    byOwner: [...byOwner]
      .map(([owner, o]) => ({ owner, monthly: round(o.monthly), resources: o.refs.size }))
      .sort((a, b) => b.monthly - a.monthly),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
