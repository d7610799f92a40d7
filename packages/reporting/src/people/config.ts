import type { ConfigCheck, MonkeySchedule } from '../data/commands.js';
import { Lines } from './columns.js';

/** `simian validate`: the file is valid, and what each monkey will do. */
export function configForPeople(check: ConfigCheck): string {
  const out = new Lines().add(`${check.file} is valid.`);
  for (const m of check.monkeys) {
    const mode = !m.enabled
      ? ''
      : !m.destructive
        ? ', report-only'
        : m.dryRun
          ? ', dry-run'
          : ', ACTING (dry-run off)';
    out.add(`  ${m.monkey}: ${m.enabled ? 'enabled' : 'disabled'}${mode}`);
  }
  for (const w of check.warnings) out.add(`warning: ${w}`);
  return out.text();
}

/** `simian schedule`: the next fire times of each monkey, local and UTC. */
export function scheduleForPeople(monkeys: MonkeySchedule[]): string {
  const out = new Lines();
  if (monkeys.length === 0) out.add('no monkey is enabled: nothing is scheduled');
  for (const m of monkeys) {
    const p = m.probability < 1 ? `, each slot fires with p=${m.probability.toFixed(3)}` : '';
    out.add(`\n${m.monkey}: "${m.cron}" in ${m.timezone}${p}`);
    if (m.warning) out.add(`  warning: ${m.warning}`);
    out.table(
      ['local time', 'UTC'],
      m.slots.map((s) => [s.local, s.utc]),
    );
  }
  return out.text();
}
