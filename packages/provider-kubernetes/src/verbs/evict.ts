import { selectorMatches, type LabelSelector } from '@simian/core';
import { z } from 'zod';
import type { KubeCluster } from '../cluster.js';
import { explainKubeError } from '../errors.js';
import { builtinKind } from '../kinds/builtin-kinds.js';
import { rbacPermission, resourcePath, type KubeObject } from '../kinds/kind.js';
import { KubeApiError, isNotFound } from '../rest/api-error.js';
import { defineVerb, dryRunQuery } from './verb.js';

/**
 * Whether a failed eviction is a PodDisruptionBudget saying no: a 429 with a `DisruptionBudget`
 * cause, or the 500 the server sends when several budgets select one pod. No wait changes either
 * within a run, so the client must not retry them.
 */
export function isBudgetRefusal(error: KubeApiError): boolean {
  if (error.status !== 429 && error.status !== 500) return false;
  const causes = error.body?.details?.causes ?? [];
  return (
    causes.some((c) => c.reason === 'DisruptionBudget') ||
    /disruption ?budget/i.test(error.serverMessage)
  );
}

/** The budget's name in the server's words (`The disruption budget web-pdb needs 2 healthy pods ...`). */
export function budgetNameFromMessage(error: KubeApiError): string | undefined {
  const texts = [
    ...(error.body?.details?.causes ?? []).map((c) => c.message ?? ''),
    error.serverMessage,
  ];
  for (const text of texts) {
    const m = /disruption budget ([a-z0-9]([-a-z0-9.]*[a-z0-9])?)/i.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/** `evict`: the Eviction API, so PodDisruptionBudgets decide. A refusal is a skip, not a failure. */
export const evictVerb = defineVerb({
  verb: 'evict',
  description:
    'Evicts the pod through the Eviction API (policy/v1), so PodDisruptionBudgets are honoured. When a budget refuses, the result is { skipped: true, reason, pdb } and the engine records the action as skipped.',
  params: z.strictObject({
    /** @default the pod's own grace period */
    gracePeriodSeconds: z.int().min(0).optional(),
  }),
  appliesTo: (kind) => kind.kind === 'Pod',
  permissions: (kind) => [rbacPermission(kind, ['create'], 'eviction')],
  async run({ cluster, kind, ref, dryRun, signal }, params) {
    const namespace = ref.namespace!;
    try {
      await cluster.client.call({
        method: 'POST',
        path: resourcePath(kind, { namespace, name: ref.name, subresource: 'eviction' }),
        query: dryRunQuery(dryRun),
        body: {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: ref.name, namespace },
          // dryRun=All in the query reaches the delete inside the eviction too (the server copies it).
          ...(params.gracePeriodSeconds === undefined
            ? {}
            : { deleteOptions: { gracePeriodSeconds: params.gracePeriodSeconds } }),
        },
        isFinal: isBudgetRefusal,
        ...(signal ? { signal } : {}),
      });
      return { evicted: true };
    } catch (error) {
      if (error instanceof KubeApiError && isBudgetRefusal(error)) {
        const pdb =
          budgetNameFromMessage(error) ??
          (await budgetsSelecting(cluster, namespace, ref.name, signal)).join(', ');
        const named = pdb ? `PodDisruptionBudget ${namespace}/${pdb}` : 'a PodDisruptionBudget';
        return {
          skipped: true,
          reason: `${named} does not allow evicting pod ${namespace}/${ref.name} now: ${error.serverMessage}`,
          ...(pdb ? { pdb } : {}),
        };
      }
      if (isNotFound(error)) return { evicted: false, alreadyGone: true };
      throw explainKubeError(
        error,
        {
          context: cluster.name,
          rbacVerb: 'create',
          kind,
          namespace,
          name: ref.name,
          subresource: 'eviction',
          action: 'evict',
        },
        'action',
      );
    }
  },
});

/** Names of the budgets in `namespace` whose selector selects the pod (for when the server does not say). */
async function budgetsSelecting(
  cluster: KubeCluster,
  namespace: string,
  pod: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const pdbKind = builtinKind('PodDisruptionBudget')!;
  const podKind = builtinKind('Pod')!;
  try {
    const [target, budgets] = await Promise.all([
      cluster.client.call<KubeObject>({
        method: 'GET',
        path: resourcePath(podKind, { namespace, name: pod }),
        ...(signal ? { signal } : {}),
      }),
      cluster.client.call<{ items?: Array<KubeObject & { spec?: { selector?: LabelSelector } }> }>({
        method: 'GET',
        path: resourcePath(pdbKind, { namespace }),
        ...(signal ? { signal } : {}),
      }),
    ]);
    const labels = target.metadata?.labels ?? {};
    return (budgets.items ?? [])
      .filter((b) => selectorMatches(b.spec?.selector, labels))
      .map((b) => b.metadata?.name ?? '?');
  } catch {
    // The refusal stands on its own; the name is a courtesy.
    return [];
  }
}
