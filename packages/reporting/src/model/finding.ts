import type { Finding, FindingWaiverInfo, Severity } from '@simian/core';

/** Where a finding stands. */
export type FindingStatus = 'open' | 'waived' | 'resolved';

/** How a finding changed since the baseline (the last run, or a chosen one). */
export type FindingChange = 'new' | 'regressed' | 'resolved';

/** A rule as every report describes it: its METADATA, or a monkey's own rule. */
export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  description?: string;
  remediation?: string;
  /** `framework:requirement` entries, as METADATA `custom.frameworks` gives them. @default [] */
  frameworks?: string[];
  /** Whether a monkey may act (tear down) on it. @default false */
  enforceable?: boolean;
  /** The monkey that evaluates it (METADATA `custom.monkey`). */
  monkey?: string;
}

/** The resource of a finding, as reports show it. */
export interface FindingResource {
  ref: string;
  kind: string;
  name: string;
  provider: string;
  namespace?: string;
  region?: string;
  /** Kubernetes context, or AWS account. */
  context?: string;
  owner?: string;
}

/**
 * The one finding model every format renders: any monkey's {@link Finding}, with its stable id,
 * its status after waivers and mutes (decided once, before any rendering), and its history.
 */
export interface ReportedFinding {
  /** `findingId`: a hash of rule, resource and scope. */
  id: string;
  ruleId: string;
  /** The rule's title, or its id. */
  title: string;
  severity: Severity;
  monkey: string;
  resource: FindingResource;
  message: string;
  evidence?: Record<string, unknown>;
  remediation?: string;
  /** `framework:requirement` entries of its rule. */
  frameworks: string[];
  status: FindingStatus;
  /** Who waived it and until when, when `status` is `waived`. */
  waiver?: FindingWaiverInfo;
  /** When it was first and last seen (ISO times). */
  firstSeen: string;
  lastSeen: string;
  /** Set when a baseline was compared: new, regressed (back after it was gone) or resolved. */
  change?: FindingChange;
  /** For manifests: the file and line that define the resource. */
  location?: { file: string; line?: number };
  /** A grouping such as a stack or a workload. */
  group?: string;
}

/** A finding as the engine, the store or a scan hands it over, before {@link ReportedFinding}. */
export type SourceFinding = Finding & { location?: { file: string; line?: number } };

/** The resource fields reports keep, without empty ones. */
export function findingResource(r: SourceFinding['resource']): FindingResource {
  // Assigned one by one in this order (the key order every format shows): with tens of thousands
  // of findings, spreads of the optional keys are a cost.
  const out: FindingResource = { ref: r.ref, kind: r.kind, name: r.name, provider: r.provider };
  if (r.namespace !== undefined) out.namespace = r.namespace;
  if (r.region !== undefined) out.region = r.region;
  if (r.context !== undefined) out.context = r.context;
  if (r.owner !== undefined) out.owner = r.owner;
  return out;
}

/** Where a resource lives, for grouping: its namespace, else its region, else `cluster-scoped`. */
export function placeOf(r: FindingResource): string {
  return r.namespace ?? r.region ?? (r.provider === 'kubernetes' ? '(cluster)' : '(global)');
}

/** Its owner, or `(no owner)`. */
export const ownerOf = (r: FindingResource): string => r.owner ?? '(no owner)';
