import type { Finding } from '@simian/core';
import { DEFAULT_RULE_MONKEY, type RuleMetadata } from './rule-metadata.js';

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

/**
 * The rule of a finding Simian makes when the rules could not be evaluated on one object (a field
 * of the wrong type made a builtin fail): that object is reported, the others are judged as usual.
 */
export const EVALUATION_FAILED_RULE = 'SIMIAN-EVALUATION-FAILED';

/** What reports say about {@link EVALUATION_FAILED_RULE}; listed by scans only when it fired. */
export const EVALUATION_FAILED_RULE_METADATA: RuleMetadata = {
  id: EVALUATION_FAILED_RULE,
  title: 'Rules could not be evaluated',
  description:
    'Evaluating the rules on this object failed, most often because a field has the wrong type (a string where the API wants a number).',
  severity: 'medium',
  remediation:
    'Fix the field the message names; the API server would reject the object as it is written.',
  frameworks: [],
  enforceable: false,
  inventoryKinds: [],
  kinds: [],
  entrypoint: '',
  // Made by the engine for whichever monkey evaluated; each finding names that monkey itself.
  monkey: DEFAULT_RULE_MONKEY,
};
