import { TargetError } from '@simian/core';
import { probeComponent, probeTls } from './health.js';
import type { SandboxPaths } from './paths.js';
import { isRecordedProcessRunning, logTail } from './processes.js';
import type { ProcessRecord, SandboxPorts } from './state.js';
import { waitUntil } from './wait.js';

/**
 * Waits until a just-started component answers its health probe. Fails at once, with the end of
 * its log, if the process exits; on time-out, says what the probe saw last.
 */
export async function waitForComponent(
  record: ProcessRecord,
  ports: SandboxPorts,
  paths: SandboxPaths,
  timeoutMs: number,
): Promise<void> {
  const tls = await probeTls(paths);
  let last = 'no answer yet';
  try {
    await waitUntil(
      async () => {
        if (!(await isRecordedProcessRunning(record))) {
          throw new TargetError(
            `${record.name} exited while starting; the end of ${record.logFile}:\n${await logTail(record.logFile)}`,
            {
              hint: 'A port taken in the meantime or a damaged build are the usual causes: run up again.',
            },
          );
        }
        const probe = await probeComponent(record.name, ports, tls);
        last = probe.detail;
        return probe.healthy ? true : undefined;
      },
      { what: `${record.name} to be healthy`, timeoutMs, intervalMs: 200 },
    );
  } catch (error) {
    if (error instanceof TargetError && error.code === 'TARGET_UNREACHABLE') {
      throw new TargetError(
        `${error.message} (last answer: ${last}); the end of its log:\n${await logTail(record.logFile)}`,
        {
          code: 'TARGET_UNREACHABLE',
          hint: `The whole log is ${record.logFile}.`,
        },
      );
    }
    throw error;
  }
}
