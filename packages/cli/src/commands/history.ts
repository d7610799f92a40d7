import type { Command } from 'commander';
import { SimianError } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { printJson, printLine, printTable } from '../output.js';

export function registerHistory(program: Command): void {
  program
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
    .action(
      (o: {
        run?: string;
        unfinished?: boolean;
        recoveries?: boolean;
        group?: string;
        limit: string;
      }) => {
        const opts = program.opts<GlobalOptions>();
        const ctx = loadContext(opts);
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
            if (opts.output === 'json') return printJson(rows);
            printTable(
              ['killed at', 'group', 'resource', 'recovered', 'seconds', 'timeout'],
              rows.map((r) => [
                r.killedAt,
                r.group,
                r.ref,
                r.recovered ? 'yes' : 'NO',
                r.recoverySeconds.toFixed(1),
                String(r.timeoutSeconds),
              ]),
            );
            return;
          }
          if (o.run || o.unfinished) {
            const rows = store.ledger({
              ...(o.run ? { runId: o.run } : {}),
              ...(o.unfinished ? { status: 'started' } : {}),
              limit,
            });
            if (opts.output === 'json') return printJson(rows);
            printTable(
              ['started', 'status', 'monkey', 'verb', 'resource', 'dry-run', 'detail'],
              rows.map((r) => [
                r.startedAt,
                r.status,
                r.monkey,
                r.verb,
                r.ref,
                r.dryRun ? 'yes' : 'no',
                r.detail ? JSON.stringify(r.detail) : '',
              ]),
            );
            return;
          }
          const runs = store.runs(limit);
          if (opts.output === 'json') return printJson(runs);
          if (runs.length === 0) return printLine('no runs yet');
          printTable(
            ['run', 'kind', 'started', 'status', 'dry-run', 'monkeys', 'summary'],
            runs.map((r) => [
              r.id,
              r.kind,
              r.startedAt,
              r.status,
              r.dryRun ? 'yes' : 'no',
              r.monkeys.join(','),
              r.summary ? JSON.stringify(r.summary) : '',
            ]),
          );
        } finally {
          store.close();
        }
      },
    );
}
