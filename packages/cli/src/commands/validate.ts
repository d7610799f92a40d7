import type { Command } from 'commander';
import { monkeyConfigOf, effectiveDryRun } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';

export function registerValidate(program: Command): void {
  const validate = program
    .command('validate')
    .description('Check simian.yaml against the schema; errors name file, line, column and field.')
    .addHelpText(
      'after',
      '\nExit 0 when valid, 2 with every problem listed when not.\n\nExample:\n  simian validate --config deploy/examples/sandbox/simian.yaml',
    )
    .action((_o: unknown, command: Command) => {
      const out = commandOutput(command);
      const ctx = loadContext(program.opts<GlobalOptions>());
      const monkeys = ctx.registry.monkeys().map((m) => {
        const c = monkeyConfigOf(ctx.config, m);
        return {
          monkey: m.name,
          enabled: c.enabled,
          dryRun: effectiveDryRun(ctx.config, m, c),
          destructive: m.destructive,
        };
      });
      out.write({
        kind: 'config',
        data: {
          valid: true,
          file: ctx.config.source.file,
          monkeys,
          targets: Object.keys(ctx.config.targets),
        },
      });
    });
  withOutput(validate, ['config']);
}
