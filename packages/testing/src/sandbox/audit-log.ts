// The sandbox kube-apiserver's audit log (see packages/sandbox/src/audit.ts): every mutating
// request, one JSON event a line. A test marks where the log ends, lets Simian act, then reads the
// events written since.
import { open, stat } from 'node:fs/promises';

/** The fields of an audit event (audit.k8s.io/v1 Event) the proofs read. */
export interface AuditEvent {
  verb: string;
  requestURI: string;
  userAgent?: string;
  user: { username: string };
  objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string };
  responseStatus?: { code?: number };
  stageTimestamp: string;
}

/** Where the audit log ends now (its size), to read only what comes after. */
export async function auditLogMark(file: string): Promise<number> {
  return (await stat(file).catch(() => ({ size: 0 }))).size;
}

/** The events written to `file` since `mark`. */
export async function auditEventsSince(file: string, mark: number): Promise<AuditEvent[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - mark));
    await handle.read(buffer, 0, buffer.length, mark);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as AuditEvent);
  } finally {
    await handle.close();
  }
}

/** Whether a request was a dry run: the apiserver only honours `dryRun=All`. */
export const isDryRunRequest = (event: AuditEvent): boolean =>
  /[?&]dryRun=All(&|$)/.test(event.requestURI);
