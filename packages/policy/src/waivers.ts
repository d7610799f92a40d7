import type { Resource } from '@simian/core';
import { z } from 'zod';
import { globMatch } from './glob.js';
import { EXPIRED_WAIVER_RULE, type FindingWaiver, type PolicyFinding } from './policy-finding.js';

/** Annotation (Kubernetes) that waives rules for the resource it sits on: `K8S-IMG-001,K8S-RES-002`. */
export const WAIVE_ANNOTATION = 'simian.dev/waive';
/** Optional annotation with the reason for {@link WAIVE_ANNOTATION}. */
export const WAIVE_REASON_ANNOTATION = 'simian.dev/waive-reason';
/** Tag (AWS) that waives rules for the resource it sits on. */
export const WAIVE_TAG = 'simian:waive';
/** Optional tag with the reason for {@link WAIVE_TAG}. */
export const WAIVE_REASON_TAG = 'simian:waive-reason';

/** Which resources a waiver covers, when it does not name one `ref`. Every given field must match. */
export const waiverSelectorSchema = z.strictObject({
  provider: z.string().optional(),
  kind: z.string().optional(),
  /** A namespace, or a pattern with `*`. */
  namespace: z.string().optional(),
  /** A name, or a pattern with `*`. */
  name: z.string().optional(),
  region: z.string().optional(),
  /** Labels (or AWS tags) the resource must carry, all of them. */
  labels: z.record(z.string(), z.string()).optional(),
});

const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * One entry of the central waiver list (`policy.waivers` in simian.yaml). Every field that says who
 * and why is required; a date-only `expires` lasts to the end of that day (UTC).
 */
export const waiverSchema = z
  .strictObject({
    /** Rule id, or a pattern with `*` (`K8S-HEALTH-*`). */
    rule: z.string().min(1),
    /** The resource's ref, or a pattern with `*` (`k8s:prod/legacy/*`). */
    ref: z.string().min(1).optional(),
    selector: waiverSelectorSchema.optional(),
    /** Who owns the exception (a team or person). */
    owner: z.string().min(1),
    /** Why the rule does not apply, or why it may be broken for now. */
    justification: z.string().min(1),
    /** Who accepted the risk. */
    approver: z.string().min(1),
    /** The ticket that tracks the fix or the decision. */
    ticket: z.string().min(1),
    /** When the waiver stops applying: `2026-03-31` or `2026-03-31T12:00:00Z`. */
    expires: dateOrTime,
  })
  .refine((w) => w.ref !== undefined || w.selector !== undefined, {
    message: 'a waiver needs a ref or a selector',
    path: ['ref'],
  });

/** A waiver list entry, as written in the config. */
export type Waiver = z.infer<typeof waiverSchema>;

/** The instant a waiver stops applying. */
export function waiverExpiry(w: Pick<Waiver, 'expires'>): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(w.expires)
    ? new Date(Date.parse(`${w.expires}T00:00:00Z`) + 24 * 3600 * 1000)
    : new Date(w.expires);
}

/** Waivers from the list that have expired at `now`, so they can be reported and cleaned up. */
export function findExpiredWaivers(waivers: readonly Waiver[], now: Date = new Date()): Waiver[] {
  return waivers.filter((w) => waiverExpiry(w) <= now);
}

/** Options of {@link applyWaivers}. */
export interface ApplyWaiversOptions {
  waivers?: readonly Waiver[];
  /** Honour `simian.dev/waive` annotations and `simian:waive` tags. @default true */
  allowAnnotationWaivers?: boolean;
  /** @default new Date() */
  now?: Date;
}

/**
 * Marks the findings that an exception covers (they stay in the list, with `waiver` set), and adds
 * one `SIMIAN-WAIVER-EXPIRED` finding for each resource whose finding an expired waiver would have
 * covered. A config waiver wins over an annotation. With annotation waivers forbidden, a finding
 * whose resource tried to waive itself says so in its evidence.
 */
export function applyWaivers(
  findings: readonly PolicyFinding[],
  resourceOf: (ref: string) => Resource | undefined,
  options: ApplyWaiversOptions = {},
): PolicyFinding[] {
  const now = options.now ?? new Date();
  const allowAnnotations = options.allowAnnotationWaivers ?? true;
  const waivers = options.waivers ?? [];
  const out: PolicyFinding[] = [];
  const expiredSeen = new Set<string>();

  for (const finding of findings) {
    const resource = resourceOf(finding.resource.ref);
    const matching = waivers.filter((w) => covers(w, finding, resource));
    const active = matching.find((w) => waiverExpiry(w) > now);
    const annotated = resource ? annotationWaiver(resource, finding.ruleId) : undefined;

    if (active) {
      out.push({ ...finding, waiver: configWaiver(active) });
    } else if (annotated && allowAnnotations) {
      out.push({ ...finding, waiver: annotated });
    } else if (annotated) {
      out.push({ ...finding, evidence: { ...finding.evidence, ignoredAnnotationWaiver: true } });
    } else {
      out.push(finding);
    }

    if (active) continue;
    for (const w of matching) {
      const key = `${waivers.indexOf(w)}\0${finding.resource.ref}`;
      if (expiredSeen.has(key)) continue;
      expiredSeen.add(key);
      out.push(expiredFinding(w, finding));
    }
  }
  return out;
}

function covers(w: Waiver, finding: PolicyFinding, resource: Resource | undefined): boolean {
  if (!globMatch(w.rule, finding.ruleId)) return false;
  if (w.ref !== undefined && !globMatch(w.ref, finding.resource.ref)) return false;
  if (w.selector === undefined) return true;
  const s = w.selector;
  const r = resource ?? { ...finding.resource, labels: {} };
  if (s.provider !== undefined && s.provider !== r.provider) return false;
  if (s.kind !== undefined && s.kind !== r.kind) return false;
  if (s.namespace !== undefined && !globMatch(s.namespace, r.namespace ?? '')) return false;
  if (s.name !== undefined && !globMatch(s.name, r.name)) return false;
  if (s.region !== undefined && s.region !== r.region) return false;
  const labels = (r as { labels?: Record<string, string> }).labels ?? {};
  return Object.entries(s.labels ?? {}).every(([k, v]) => labels[k] === v);
}

function configWaiver(w: Waiver): FindingWaiver {
  return {
    by: 'config',
    owner: w.owner,
    reason: w.justification,
    expires: w.expires,
    approver: w.approver,
    ticket: w.ticket,
  };
}

/** The rule ids a resource waives for itself, from its annotation (Kubernetes) or tag (AWS). */
function annotationWaiver(resource: Resource, ruleId: string): FindingWaiver | undefined {
  const annotations = resource.annotations ?? {};
  const labels = resource.labels ?? {};
  const list = annotations[WAIVE_ANNOTATION] ?? labels[WAIVE_TAG];
  if (list === undefined) return undefined;
  const ids = list.split(/[\s,]+/).map((id) => id.trim().toUpperCase());
  if (!ids.includes(ruleId.toUpperCase())) return undefined;
  const reason = annotations[WAIVE_REASON_ANNOTATION] ?? labels[WAIVE_REASON_TAG];
  return reason === undefined ? { by: 'annotation' } : { by: 'annotation', reason };
}

function expiredFinding(w: Waiver, finding: PolicyFinding): PolicyFinding {
  return {
    ruleId: EXPIRED_WAIVER_RULE,
    severity: 'low',
    monkey: finding.monkey,
    resource: finding.resource,
    title: 'Expired waiver',
    message: `the waiver of ${w.rule} for ${finding.resource.ref} expired on ${w.expires} (owner ${w.owner}, ticket ${w.ticket}); its findings are reported again`,
    evidence: { waiver: w, rule: finding.ruleId },
  };
}
