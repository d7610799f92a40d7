import type { z } from 'zod';
import { SimianError } from './errors.js';
import type { Permission, PermissionCheck, Provider } from './provider.js';
import type { Action } from './types.js';

/**
 * An action's params as its verb's schema reads them; a mismatch is the planning monkey's bug, and
 * the error says which params and which verb. What every provider's `execute` does first.
 */
export function parseActionParams<S extends z.ZodType>(schema: S, action: Action): z.output<S> {
  const params = schema.safeParse(action.params ?? {});
  if (params.success) return params.data;
  const issues = params.error.issues
    .map((i) => `${['params', ...i.path].join('.')}: ${i.message}`)
    .join('; ');
  throw new SimianError(
    'INPUT_INVALID',
    `action ${action.id} (${action.verb} ${action.resource.ref}) has invalid parameters: ${issues}`,
    { hint: `the monkey that planned it built wrong params for "${action.verb}"` },
  );
}

/** What `simian doctor` learns about one scope (a context, a region) of a provider. */
export interface ScopeDiagnosis {
  scope: string;
  reachable: boolean;
  /** Who we are there. */
  identity?: string;
  /** The server's version, or why it could not be reached. */
  detail?: string;
  checks: PermissionCheck[];
  /** Permissions found missing. */
  missing: Permission[];
  /** Permissions that could not be checked, with the reason in their check. */
  unknown: Permission[];
  /** What would grant them (a ClusterRole, an IAM policy), in the provider's own form. */
  grant?: string;
}

/**
 * For each scope of `provider`: can it be reached, as whom, and which of `permissions` are
 * missing or unknown. `grant` renders what a person should grant, in the provider's form.
 */
export async function diagnoseScopes(
  provider: Provider,
  permissions: Permission[],
  grant: (missing: Permission[], unknown: Permission[]) => string | undefined,
): Promise<ScopeDiagnosis[]> {
  return Promise.all(
    provider.scopes().map(async (scope): Promise<ScopeDiagnosis> => {
      const ping = (await provider.ping?.(scope)) ?? { ok: true };
      const base = {
        scope,
        reachable: ping.ok,
        ...(ping.identity ? { identity: ping.identity } : {}),
        ...(ping.detail ? { detail: ping.detail } : {}),
      };
      if (!ping.ok || !provider.checkPermissions)
        return { ...base, checks: [], missing: [], unknown: [] };
      const checks = await provider.checkPermissions(scope, permissions);
      const missing = checks.filter((c) => c.allowed === false).map((c) => c.permission);
      const unknown = checks.filter((c) => c.allowed === 'unknown').map((c) => c.permission);
      const rendered = grant(missing, unknown);
      return { ...base, checks, missing, unknown, ...(rendered ? { grant: rendered } : {}) };
    }),
  );
}
