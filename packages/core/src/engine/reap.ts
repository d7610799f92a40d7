import { isExpired, type FaultRecord } from '../faults/fault-record.js';
import { REMOVE_FAULT } from '../faults/fault-pairs.js';
import type { ActionExecutor } from '../safety/executor.js';
import type { ActionOutcome } from '../types.js';
import type { RunSession } from './run-session.js';

/** Which faults to remove: expired ones (the reaper), all (`faults clear --all`), or a choice. */
export type FaultChoice = 'expired' | 'all' | ((fault: FaultRecord) => boolean);

/** What the reaper found and did. */
export interface ReapResult {
  /** Every fault found, removed or not. */
  found: FaultRecord[];
  /** The removals it attempted, with their outcomes. */
  removed: ActionOutcome[];
  /** Scopes whose faults could not be listed: what is there is unknown, not absent. */
  unlisted: Array<{ provider: string; scope: string; error: string }>;
}

/** Every active fault the session's providers find on the objects themselves, in every scope. */
export async function listFaults(
  session: Pick<RunSession, 'providers' | 'signal'>,
): Promise<Pick<ReapResult, 'found' | 'unlisted'>> {
  const found: FaultRecord[] = [];
  const unlisted: ReapResult['unlisted'] = [];
  for (const provider of session.providers) {
    if (!provider.listFaults) continue;
    for (const scope of provider.scopes()) {
      try {
        found.push(...(await provider.listFaults(scope, { signal: session.signal })));
      } catch (e) {
        unlisted.push({ provider: provider.name, scope, error: (e as Error).message });
      }
    }
  }
  return { found, unlisted };
}

/**
 * Removes the chosen faults through `executor` (ledger rows, the provider's own recovery), one at
 * a time. A removal that fails is reported and the others go on: the fault's expiry stays on the
 * object, so the next run tries again.
 */
export async function reapFaults(
  session: Pick<RunSession, 'providers' | 'signal' | 'now' | 'logger'>,
  options: { which: FaultChoice },
  executor: ActionExecutor,
): Promise<ReapResult> {
  const { found, unlisted } = await listFaults(session);
  for (const u of unlisted) {
    session.logger.warn(
      u,
      'cannot list the faults of this scope; any there stay until a later run',
    );
  }
  const pick =
    options.which === 'all'
      ? () => true
      : options.which === 'expired'
        ? (f: FaultRecord) => isExpired(f, session.now)
        : options.which;
  const removed: ActionOutcome[] = [];
  for (const fault of found.filter(pick)) {
    const expired = isExpired(fault, session.now);
    removed.push(
      await executor.execute({
        id: `reap:${fault.ref}`,
        monkey: 'reaper',
        verb: REMOVE_FAULT,
        resource: {
          ref: fault.ref,
          provider: fault.provider,
          kind: fault.kind,
          name: fault.name,
          labels: {},
          ...(fault.namespace ? { namespace: fault.namespace } : {}),
        },
        reason: expired
          ? `fault ${fault.actionId} of run ${fault.runId} (${fault.monkey}) expired at ${fault.expiresAt || 'an unreadable time'}`
          : `fault ${fault.actionId} of run ${fault.runId} (${fault.monkey}) cleared before its expiry ${fault.expiresAt}`,
        reversible: false,
      }),
    );
  }
  if (removed.length > 0) {
    session.logger.warn(
      { removed: removed.filter((o) => o.status === 'succeeded').length, found: found.length },
      'the reaper removed faults left behind',
    );
  }
  return { found, removed, unlisted };
}
