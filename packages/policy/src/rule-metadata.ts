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
  /** The entrypoint that evaluates the rule's family (`simian/kubernetes/availability/violations`). */
  entrypoint: string;
}

/** The `custom` block every Simian rule annotation carries. */
const customSchema = z.object({
  id: z.string().min(1),
  severity: z.enum(SEVERITIES as [Severity, ...Severity[]]),
  remediation: z.string().optional(),
  frameworks: z.array(z.string()).default([]),
  enforceable: z.boolean().default(false),
  inventory_kinds: z.array(z.string()).default([]),
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
            hint: 'custom needs id, severity (info|low|medium|high|critical), and optionally remediation, frameworks, enforceable, inventory_kinds',
          },
        );
      }
      const c = custom.data;
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
        entrypoint: module.entrypoint,
      });
    }
  }
  return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
}
