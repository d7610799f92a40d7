import type { JournalsReport } from '../journals/journal-model.js';
import { Lines } from './columns.js';

/** Experiment journals for people: one line per experiment, then its activities. */
export function journalsForPeople(r: JournalsReport): string {
  const out = new Lines();
  out.table(
    ['experiment', 'outcome', 'ran with', 'seconds', 'file'],
    r.journals.map((j) => [
      j.title,
      j.outcome,
      `${j.producer} ${j.producerVersion}`,
      j.duration?.toFixed(1) ?? '',
      j.file,
    ]),
  );
  for (const j of r.journals) {
    out.add(`\n== ${j.title}: ${j.outcome}`);
    out.table(
      ['activity', 'type', 'status', 'seconds'],
      [...j.method, ...j.rollbacks.map((a) => ({ ...a, name: `rollback: ${a.name}` }))].map((a) => [
        a.name,
        a.type,
        a.status,
        a.duration?.toFixed(3) ?? '',
      ]),
    );
    for (const l of j.latency)
      out.add(
        `latency ${l.activity}: ${l.values.map((v) => `${v.percentile}=${v.value}${l.unit}`).join(' ')}`,
      );
  }
  return out.text();
}
