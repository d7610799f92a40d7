import { formatDuration, isExpired, type FaultRecord } from '@simian/core';
import type { FaultsCleared, FaultsView } from '../data/commands.js';
import { Lines } from './columns.js';

/** `in 4m` or `4m ago`, read against `at`. */
function when(fault: FaultRecord, at: Date): string {
  if (!fault.expiresAtMs) return 'an unreadable expiry';
  const ms = fault.expiresAtMs - at.getTime();
  return ms > 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`;
}

function addUnlisted(lines: Lines, view: FaultsView): Lines {
  for (const u of view.unlisted) {
    lines.add(`could not list the faults of ${u.provider} ${u.scope}: ${u.error}`);
  }
  return lines;
}

/** `simian faults list`: each fault, whose run put it there, and when it ends. */
export function faultsForPeople(view: FaultsView): string {
  const at = new Date(view.at);
  const lines = new Lines().table(
    ['fault on', 'monkey', 'run', 'expires at', 'state'],
    view.faults.map((f) => [
      f.ref,
      f.monkey,
      f.runId,
      f.expiresAt,
      isExpired(f, at) ? `EXPIRED ${when(f, at)}` : `expires ${when(f, at)}`,
    ]),
  );
  return addUnlisted(lines, view).text();
}

/** `simian faults clear`: each removal and its outcome. */
export function faultsClearedForPeople(view: FaultsCleared): string {
  const failed = view.removed.filter((r) => r.status !== 'succeeded').length;
  const lines = new Lines().table(
    ['status', 'fault on', 'detail'],
    view.removed.map((r) => [r.status, r.action.resource.ref, r.reason ?? r.action.reason]),
  );
  for (const ref of view.missing) lines.add(`no active fault on ${ref}`);
  addUnlisted(lines, view);
  lines.add(
    `run ${view.runId}: removed ${view.removed.length - failed} fault(s)${failed ? `, ${failed} failed` : ''}`,
  );
  return lines.text();
}
