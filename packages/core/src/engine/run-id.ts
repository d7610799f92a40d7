import { randomBytes } from 'node:crypto';

/** Sortable, unique run ids: time first, so `ORDER BY id` is chronological. */
export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${randomBytes(4).toString('hex')}`;
}
