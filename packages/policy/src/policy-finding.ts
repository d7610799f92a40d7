import type { Finding } from '@simian/core';
import type { RuleMetadata } from './rule-metadata.js';

/** The exception that applies to a finding. */
export interface FindingWaiver {
  /** `annotation`: the resource waives itself (`simian.dev/waive`); `config`: the waiver list. */
  by: 'annotation' | 'config';
  owner?: string;
  /** The justification (config) or `simian.dev/waive-reason` (annotation). */
  reason?: string;
  /** ISO date or time after which the waiver stops applying (config waivers). */
  expires?: string;
  approver?: string;
  ticket?: string;
}

/** A `Finding` from a policy: core's fields plus the rule's title and where the resource is defined. */
export interface PolicyFinding extends Finding {
  /** The rule's title, from its METADATA. */
  title?: string;
  waiver?: FindingWaiver;
  /** For manifests: the file and line of the document that defines the resource. */
  location?: { file: string; line?: number };
}

/** Rule id of the findings Simian adds for config waivers that have expired. */
export const EXPIRED_WAIVER_RULE = 'SIMIAN-WAIVER-EXPIRED';

/**
 * What reports say about {@link EXPIRED_WAIVER_RULE}. No Rego evaluates it: Simian adds its
 * findings itself, so scans list it among their rules only when it fired.
 */
export const EXPIRED_WAIVER_RULE_METADATA: RuleMetadata = {
  id: EXPIRED_WAIVER_RULE,
  title: 'Expired waiver',
  description: 'A waiver in the config matched a finding but has expired.',
  severity: 'low',
  remediation: 'Fix the finding, or renew the waiver with a new expiry date and approval.',
  frameworks: [],
  enforceable: false,
  inventoryKinds: [],
  kinds: [],
  monkey: 'conformity',
  entrypoint: '',
};
