import { SEVERITIES, type Severity } from '@simian/core';
import { z } from 'zod';
import { BundleError } from './errors.js';

/** What Simian knows about one rule: its METADATA annotation, flattened. */
export interface RuleMetadata {
  /** Stable id, from `custom.id` (e.g. `K8S-AVAIL-001`). */
  id: string;
  title: string;
  description?: string;
  severity: Severity;
  remediation?: string;
  /** Frameworks and checks the rule maps to (`aws-well-architected:REL10-BP01`, `polaris:...`). */
  frameworks: string[];
  /** Whether the conformity monkey may tear down a stack that breaks this rule (when enabled). */
  enforceable: boolean;
  /** Kinds the rule reads from `data.inventory` (related resources, such as PodDisruptionBudgets). */
  inventoryKinds: string[];
  /**
   * Kinds the rule judges (`input.resources` it reports on), from `custom.kinds`. A monkey whose
   * config does not say which kinds it judges lists these. Empty: the config decides.
   */
  kinds: string[];
  /**
   * The provider whose resources the rule reads (`kubernetes`, `aws`), from `custom.provider`:
   * where its `kinds` and `inventory_kinds` are listed. Required when either is given.
   */
  provider?: string;
  /** The monkey that evaluates the rule (`custom.monkey`); rules that name none are conformity's. */
  monkey: string;
  /** The entrypoint that evaluates the rule's family (`simian/kubernetes/availability/violations`). */
  entrypoint: string;
}

/** The monkey a rule belongs to when its METADATA names none. */
export const DEFAULT_RULE_MONKEY = 'conformity';

/** The `custom` block every Simian rule annotation carries. */
const customSchema = z.object({
  id: z.string().min(1),
  severity: z.enum(SEVERITIES as [Severity, ...Severity[]]),
  remediation: z.string().optional(),
  frameworks: z.array(z.string()).default([]),
  enforceable: z.boolean().default(false),
  inventory_kinds: z.array(z.string()).default([]),
  kinds: z.array(z.string()).default([]),
  provider: z.string().min(1).optional(),
  monkey: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name: letters, digits and _')
    .default(DEFAULT_RULE_MONKEY),
});

const annotationSchema = z.object({
  scope: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  custom: z.record(z.string(), z.unknown()).optional(),
});

/** The parts of an OPA bundle's `.manifest` that Simian reads. */
export interface BundleManifest {
  revision?: string;
  wasm?: Array<{ entrypoint: string; module: string; annotations?: unknown[] }>;
  [key: string]: unknown;
}

/**
 * Reads the rule catalogue from a wasm bundle's manifest: `opa build` copies the METADATA
 * annotations of each entrypoint's rules there, so the catalogue travels with the policy and user
 * bundles need no extra file. Annotations without `custom.id` (package docs, helpers) are skipped.
 */
export function rulesFromManifest(manifest: BundleManifest, source: string): RuleMetadata[] {
  const rules = new Map<string, RuleMetadata>();
  for (const module of manifest.wasm ?? []) {
    for (const raw of module.annotations ?? []) {
      const annotation = annotationSchema.safeParse(raw);
      if (!annotation.success || annotation.data.scope !== 'rule') continue;
      if (annotation.data.custom?.['id'] === undefined) continue;
      const custom = customSchema.safeParse(annotation.data.custom);
      if (!custom.success) {
        const id = String(annotation.data.custom['id']);
        throw new BundleError(
          `${source}: rule ${id} has invalid METADATA: ${z.prettifyError(custom.error).replaceAll('\n', '; ')}`,
          {
            hint: 'custom needs id, severity (info|low|medium|high|critical), and optionally remediation, frameworks, enforceable, inventory_kinds, kinds, provider, monkey',
          },
        );
      }
      const c = custom.data;
      if (c.provider === undefined && (c.kinds.length > 0 || c.inventory_kinds.length > 0)) {
        throw new BundleError(
          `${source}: rule ${c.id} names kinds to list but no provider to list them from`,
          { hint: 'add custom.provider (kubernetes or aws) to its METADATA' },
        );
      }
      rules.set(c.id, {
        id: c.id,
        title: annotation.data.title ?? c.id,
        ...(annotation.data.description === undefined
          ? {}
          : { description: annotation.data.description.replace(/\s*\n\s*/g, ' ').trim() }),
        severity: c.severity,
        ...(c.remediation === undefined ? {} : { remediation: c.remediation }),
        frameworks: c.frameworks,
        enforceable: c.enforceable,
        inventoryKinds: c.inventory_kinds,
        kinds: c.kinds,
        ...(c.provider === undefined ? {} : { provider: c.provider }),
        monkey: c.monkey,
        entrypoint: module.entrypoint,
      });
    }
  }
  return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
}
