import type { Command } from 'commander';
import { SimianError } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';

interface HistoryFlags {
  run?: string;
  unfinished?: boolean;
  recoveries?: boolean;
  group?: string;
  limit: string;
}

export function registerHistory(program: Command): void {
  const history = program
    .command('history')
    .description('List past runs from the store, or the action ledger of one run.')
    .option('--run <id>', 'show the action ledger of this run')
    .option(
      '--unfinished',
      'show ledger rows whose action started but never finished (a killed process)',
    )
    .option('--recoveries', 'show recovery times after kills, per group, newest first')
    .option(
      '--group <group>',
      'with --recoveries: only this group (e.g. sandbox/storefront/Deployment/web)',
    )
    .option('-n, --limit <n>', 'how many rows', '20')
    .addHelpText(
      'after',
      '\nExamples:\n  simian history\n  simian history --recoveries\n  simian history --run 20261123101500-ab12cd34\n  simian history --unfinished',
    )
    .action((o: HistoryFlags, command: Command) => {
      const out = commandOutput(command);
      const ctx = loadContext(program.opts<GlobalOptions>());
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new SimianError(
          'INPUT_INVALID',
          `--limit must be a whole number above 0, but "${o.limit}" was given`,
        );
      const store = ctx.openStore();
      try {
        if (o.recoveries) {
          const rows = store.recoveries({ ...(o.group ? { group: o.group } : {}), limit });
          out.write({ kind: 'recoveries', data: rows });
        } else if (o.run || o.unfinished) {
          const rows = store.ledger({
            ...(o.run ? { runId: o.run } : {}),
            ...(o.unfinished ? { status: 'started' } : {}),
            limit,
          });
          out.write({ kind: 'ledger', data: rows });
        } else {
          out.write({ kind: 'runs', data: store.runs(limit) });
        }
      } finally {
        store.close();
      }
    });
  withOutput(history, ['runs', 'ledger', 'recoveries']);
}
