import { formatConfigIssue } from '@simian/core';
import type { ExperimentCheck, ExperimentRun } from '../data/commands.js';
import { Lines } from './columns.js';

/** `simian experiment validate`: each activity and whether Simian runs it, then the problems. */
export function experimentCheckForPeople(check: ExperimentCheck): string {
  const out = new Lines().table(
    ['section', 'activity', 'type', 'target', 'native'],
    check.activities.map((a) => [
      a.section,
      a.name,
      `${a.type}/${a.provider}`,
      a.target,
      a.native ? 'yes' : a.bridge ? 'python bridge' : 'NO',
    ]),
  );
  for (const e of check.errors) out.add(`error: ${formatConfigIssue(e)}`);
  for (const w of check.warnings ?? []) out.add(`warning: ${formatConfigIssue(w)}`);
  return out
    .add(
      check.errors.length === 0
        ? `${check.file} is valid`
        : `${check.file}: ${check.errors.length} problem(s)`,
    )
    .text();
}

/** `simian experiment run`: how it ended and where the journal is. */
export function experimentRunForPeople(run: ExperimentRun): string {
  const { journal } = run;
  return new Lines()
    .add(
      `experiment "${run.title}": ${journal.status}${journal.deviated ? ' (deviated)' : ''}; journal written to ${run.journalPath}`,
    )
    .text();
}
