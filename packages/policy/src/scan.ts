import { SEVERITIES, type Severity } from '@simian/core';
import { type CreatePolicyEngineOptions, createPolicyEngine } from './engine-from-config.js';
import type { EvaluateOptions, PolicyEngine } from './engine.js';
import { failsAt } from './fails-at.js';
import { type LoadManifestsOptions, type ManifestResource, loadManifests } from './manifests.js';
import type { PolicyConfigInput } from './policy-config.js';
import {
  EVALUATION_FAILED_RULE,
  EVALUATION_FAILED_RULE_METADATA,
  EXPIRED_WAIVER_RULE,
  EXPIRED_WAIVER_RULE_METADATA,
  type PolicyFinding,
} from './policy-finding.js';
import type { RuleMetadata } from './rule-metadata.js';

/** Counts over one scan. Finding counts leave waived findings out; `waived` counts those. */
export interface ScanSummary {
  files: number;
  resources: number;
  /** Enabled rules that were evaluated. */
  rules: number;
  /** Findings that are not waived. */
  findings: number;
  bySeverity: Record<Severity, number>;
  waived: number;
  /** Config waivers that matched a finding but had expired. */
  expiredWaivers: number;
  /** The `--fail-on` threshold, when one was given. */
  failOn?: Severity;
  /** Whether a finding at or above `failOn` is not waived. */
  failed?: boolean;
}

/** The resource fields reports need. */
export interface ScannedResource {
  ref: string;
  kind: string;
  name: string;
  namespace?: string;
  location?: { file: string; line?: number };
}

/**
 * What reporters take (a `FindingsReport` of @simian/reporting): the findings, their summary, what
 * was scanned, and the rules (the expired-waiver rule too, when it fired).
 */
export interface ScanResult {
  findings: PolicyFinding[];
  summary: ScanSummary;
  resources: ScannedResource[];
  rules: Array<RuleMetadata & { enabled?: boolean }>;
}

/** Options of {@link scanManifests}. */
export interface ScanOptions extends LoadManifestsOptions, CreatePolicyEngineOptions {
  /** An engine to reuse; otherwise one is built from `config`. */
  engine?: PolicyEngine;
  /** The `policy` config section. @default {} (built-in rules, no waivers) */
  config?: PolicyConfigInput;
  /** Fill `summary.failOn` and `summary.failed`. */
  failOn?: Severity;
  /** @default new Date() */
  now?: EvaluateOptions['now'];
  /**
   * Told what the scan is doing, one short line at a time, for a progress display: `step` is true
   * when a new step begins, false when a count moves on.
   */
  onProgress?: (line: string, step: boolean) => void;
}

/**
 * Evaluates the policies over manifests on disk (or stdin), without any cluster: `simian scan`.
 * Findings carry the file and line of the document that defines their resource.
 */
export async function scanManifests(
  paths: readonly string[],
  options: ScanOptions = {},
): Promise<ScanResult> {
  const progress = options.onProgress;
  const resources = await loadManifests(paths, {
    ...options,
    ...(progress
      ? {
          onFileRead: (files: number, found: number) => {
            options.onFileRead?.(files, found);
            progress(`reading manifests: ${files} files, ${found} resources`, false);
          },
        }
      : {}),
  });
  progress?.('loading the rules', true);
  const engine = options.engine ?? (await createPolicyEngine(options.config ?? {}, options));
  progress?.(`evaluating ${resources.length} resources`, true);
  const evaluated = await engine.evaluate(resources, options.now ? { now: options.now } : {});
  const byRef = new Map<string, ManifestResource>(resources.map((r) => [r.ref, r]));
  const findings = evaluated.map((f) => {
    const source = byRef.get(f.resource.ref)?.source;
    return source ? { ...f, location: { file: source.file, line: source.line } } : f;
  });
  const rules = engine.rules.filter((r) => r.enabled);
  const expired = findings.some((f) => f.ruleId === EXPIRED_WAIVER_RULE);
  const failed = findings.some((f) => f.ruleId === EVALUATION_FAILED_RULE);
  return {
    findings,
    summary: summarize(findings, {
      files: new Set(resources.map((r) => r.source.file)).size,
      resources: resources.length,
      rules: rules.length,
      ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
    }),
    resources: resources.map((r) => ({
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
      location: r.source,
    })),
    rules: [
      ...rules,
      ...(expired ? [EXPIRED_WAIVER_RULE_METADATA] : []),
      ...(failed ? [EVALUATION_FAILED_RULE_METADATA] : []),
    ],
  };
}

/** Counts findings by severity, waived and expired-waiver findings apart. */
export function summarize(
  findings: readonly PolicyFinding[],
  scope: { files: number; resources: number; rules: number; failOn?: Severity },
): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let waived = 0;
  for (const f of findings) {
    if (f.waiver) waived++;
    else bySeverity[f.severity]++;
  }
  const summary: ScanSummary = {
    files: scope.files,
    resources: scope.resources,
    rules: scope.rules,
    findings: findings.length - waived,
    bySeverity,
    waived,
    expiredWaivers: findings.filter((f) => f.ruleId === EXPIRED_WAIVER_RULE).length,
  };
  if (scope.failOn !== undefined) {
    summary.failOn = scope.failOn;
    summary.failed = failsAt(findings, scope.failOn);
  }
  return summary;
}
