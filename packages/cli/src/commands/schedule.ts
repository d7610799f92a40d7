import type { Command } from 'commander';
import { wholeNumber } from '../args.js';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';

export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule [monkey...]')
    .description('Print the next fire times of each enabled monkey, in its configured time zone.')
    .option(
      '-n, --count <n>',
      'how many fire times per monkey (1 to 1000)',
      wholeNumber(1, 1000),
      5,
    )
    .option('--from <time>', 'start from this ISO time instead of now')
    .addHelpText(
      'after',
      '\nOnly slots inside the allowed window (days, hours, holidays) within a year are listed; a\nschedule that cannot fire in that year says why. With a mean time between actions, each slot\nfires with the probability shown.\n\nExample:\n  simian schedule chaos -n 10',
    )
    .action(async (names: string[], o: { count: number; from?: string }, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      const { formatInZone, monkeyConfigOf, Schedule, SimianError } = await import('@simian/core');
      const from = o.from ? new Date(o.from) : new Date();
      if (Number.isNaN(from.getTime()) || Math.abs(from.getFullYear() - 2000) > 1000) {
        throw new SimianError(
          'INPUT_INVALID',
          `--from must be an ISO time such as 2026-03-29T00:00:00Z, but "${o.from}" was given`,
        );
      }
      const monkeys = names.length
        ? names.map((n) => ctx.registry.monkey(n))
        : ctx.registry.monkeys().filter((m) => monkeyConfigOf(ctx.config, m).enabled);
      const next = monkeys.map((m) => {
        const s = monkeyConfigOf(ctx.config, m).schedule;
        const schedule = new Schedule(s);
        const slots = schedule.eligibleSlots(from, o.count);
        const warning = slots.length === 0 ? schedule.neverFires(from) : undefined;
        return {
          monkey: m.name,
          cron: s.cron,
          timezone: s.timezone,
          probability: schedule.slotProbability(from),
          slots: slots.map((d) => ({ utc: d.toISOString(), local: formatInZone(d, s.timezone) })),
          ...(warning ? { warning } : {}),
        };
      });
      out.write({ kind: 'schedule', data: next });
    });
  withOutput(schedule, ['schedule']);
}
