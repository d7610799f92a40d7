import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';

export function registerValidate(program: Command): void {
  const validate = program
    .command('validate [file]')
    .description(
      'Check simian.yaml (or FILE) against the schema, and what plan would check first; errors name file, line, column and field.',
    )
    .addHelpText(
      'after',
      '\nFILE defaults to --config, then $SIMIAN_CONFIG, then ./simian.yaml. Beyond the schema, each\nenabled monkey checks what its plan would (the conformity monkey builds its policies and checks\nenforce.rules), and a schedule that can never fire inside its window is a warning.\nExit 0 when valid (warnings included), 2 with every problem listed when not.\n\nExamples:\n  simian validate\n  simian validate deploy/examples/sandbox/simian.yaml',
    )
    .action(async (file: string | undefined, _o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const opts = program.opts<GlobalOptions>();
      if (
        file !== undefined &&
        opts.config !== undefined &&
        resolve(file) !== resolve(opts.config)
      ) {
        const { SimianError } = await import('@simian/core');
        throw new SimianError(
          'INPUT_INVALID',
          `validate was given two files: ${file} and --config ${opts.config}`,
          { hint: 'name the file once' },
        );
      }
      const ctx = await loadContext(opts, file === undefined ? {} : { file });
      const { effectiveDryRun, monkeyConfigOf, Schedule } = await import('@simian/core');
      const warnings: string[] = [];
      const monkeys = [];
      for (const m of ctx.registry.monkeys()) {
        const c = monkeyConfigOf(ctx.config, m);
        if (c.enabled) {
          for (const note of (await m.check?.(c, ctx.config)) ?? [])
            warnings.push(`monkeys.${m.name}: ${note}`);
          const never = new Schedule(c.schedule).neverFires(new Date());
          if (never) warnings.push(`monkeys.${m.name}.schedule: ${never}`);
        }
        monkeys.push({
          monkey: m.name,
          enabled: c.enabled,
          dryRun: effectiveDryRun(ctx.config, m, c),
          destructive: m.destructive,
        });
      }
      out.write({
        kind: 'config',
        data: {
          valid: true,
          file: ctx.config.source.file,
          monkeys,
          targets: Object.keys(ctx.config.targets),
          warnings,
        },
      });
    });
  withOutput(validate, ['config']);
}
