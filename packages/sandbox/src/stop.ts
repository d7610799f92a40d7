import { stopRecordedProcess } from './processes.js';
import type { ComponentName, ProcessRecord } from './state.js';

/**
 * Stops recorded processes, clients before servers: everything but etcd at once, then etcd, so
 * the apiserver does not spend its shutdown retrying a storage that is already gone.
 * @returns the components that were running and are now stopped.
 */
export async function stopProcesses(records: readonly ProcessRecord[]): Promise<ComponentName[]> {
  const [storage, others] = [
    records.filter((r) => r.name === 'etcd'),
    records.filter((r) => r.name !== 'etcd'),
  ];
  const stopped: ComponentName[] = [];
  for (const group of [others, storage]) {
    const results = await Promise.all(group.map((r) => stopRecordedProcess(r)));
    group.forEach((r, i) => results[i] && stopped.push(r.name));
  }
  return stopped;
}
