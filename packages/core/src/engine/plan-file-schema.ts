import { z } from 'zod';
import { SEVERITIES } from '../types.js';

// The shape of a plan file, checked after its digest and signature: a plan edited and resealed
// (or written by hand) is refused with the field that is wrong, never read half-way by the engine
// or a renderer. Objects are loose: a plan from a newer Simian with more fields is still read.

const text = z.string().max(4096);
const labels = z.record(z.string(), z.string());
const resourceRef = z.object({
  ref: text,
  provider: text,
  kind: text,
  name: text,
  namespace: text.optional(),
  region: text.optional(),
  context: text.optional(),
});
const action = z.object({
  id: text,
  monkey: text,
  verb: text,
  resource: resourceRef.extend({
    labels,
    annotations: labels.optional(),
    owner: text.optional(),
    marks: labels.optional(),
  }),
  reason: z.string(),
  ruleId: text.optional(),
  group: text.optional(),
  reversible: z.boolean(),
  deadline: text.optional(),
  faultOn: text.optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  dependsOn: z.array(z.object({ provider: text, kind: text, scope: text })).optional(),
});
const finding = z.object({
  ruleId: text,
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  monkey: text,
  resource: resourceRef,
  message: z.string(),
  group: text.optional(),
});
const groupHealth = z.object({
  total: z.number(),
  healthy: z.number(),
  desired: z.number().optional(),
  minHealthy: z.number().optional(),
});

/** A plan file's fields, as `readPlanFile` checks them. */
export const planFileSchema = z.object({
  kind: z.literal('simian-plan'),
  version: z.literal(1),
  createdAt: z.iso.datetime({ offset: true }),
  runId: text,
  configFile: z.string(),
  plans: z.array(
    z.object({
      monkey: text,
      dryRun: z.boolean(),
      findings: z.array(finding),
      allowed: z.array(action),
      dropped: z.array(z.object({ action, rule: text, reason: z.string() })),
      groups: z.record(z.string(), groupHealth).optional(),
      notes: z.array(z.string()).optional(),
    }),
  ),
  digest: z.string(),
  signature: z.string().optional(),
});
