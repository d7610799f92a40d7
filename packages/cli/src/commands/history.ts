import type { Command } from 'commander';
import { wholeNumber } from '../args.js';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';

interface HistoryFlags {
  run?: string;
  unfinished?: boolean;
  recoveries?: boolean;
  group?: string;
  limit: number;
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
    .option('-n, --limit <n>', 'how many rows (1 to 10000)', wholeNumber(1, 10_000), 20)
    .addHelpText(
      'after',
      '\nExamples:\n  simian history\n  simian history --recoveries\n  simian history --run 20261123101500-ab12cd34\n  simian history --unfinished',
    )
    .action(async (o: HistoryFlags, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      const { limit } = o;
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
