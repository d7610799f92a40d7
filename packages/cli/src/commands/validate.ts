import type { Command } from 'commander';
import { monkeyConfigOf, effectiveDryRun } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { printJson, printLine } from '../output.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check simian.yaml against the schema; errors name file, line, column and field.')
    .addHelpText(
      'after',
      '\nExit 0 when valid, 2 with every problem listed when not.\n\nExample:\n  simian validate --config deploy/examples/sandbox/simian.yaml',
    )
    .action(() => {
      const opts = program.opts<GlobalOptions>();
      const ctx = loadContext(opts);
      const monkeys = ctx.registry.monkeys().map((m) => {
        const c = monkeyConfigOf(ctx.config, m);
        return {
          monkey: m.name,
          enabled: c.enabled,
          dryRun: effectiveDryRun(ctx.config, m, c),
          destructive: m.destructive,
        };
      });
      if (opts.output === 'json') {
        printJson({
          valid: true,
          file: ctx.config.source.file,
          monkeys,
          targets: Object.keys(ctx.config.targets),
        });
        return;
      }
      printLine(`${ctx.config.source.file} is valid.`);
      for (const m of monkeys) {
        printLine(
          `  ${m.monkey}: ${m.enabled ? 'enabled' : 'disabled'}${!m.enabled ? '' : !m.destructive ? ', report-only' : m.dryRun ? ', dry-run' : ', ACTING (dry-run off)'}`,
        );
      }
    });
}
