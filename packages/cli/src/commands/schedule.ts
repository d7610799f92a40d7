import type { Command } from 'commander';
import { formatInZone, monkeyConfigOf, Schedule, SimianError } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';

export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule [monkey...]')
    .description('Print the next fire times of each enabled monkey, in its configured time zone.')
    .option('-n, --count <n>', 'how many fire times per monkey', '5')
    .option('--from <time>', 'start from this ISO time instead of now')
    .addHelpText(
      'after',
      '\nOnly slots inside the allowed window (days, hours, holidays) are listed. With a mean time\nbetween actions, each slot fires with the probability shown.\n\nExample:\n  simian schedule chaos -n 10',
    )
    .action((names: string[], o: { count: string; from?: string }, command: Command) => {
      const out = commandOutput(command);
      const ctx = loadContext(program.opts<GlobalOptions>());
      const count = Number(o.count);
      if (!Number.isInteger(count) || count < 1) {
        throw new SimianError(
          'INPUT_INVALID',
          `--count must be a whole number above 0, but "${o.count}" was given`,
        );
      }
      const from = o.from ? new Date(o.from) : new Date();
      if (Number.isNaN(from.getTime())) {
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
        return {
          monkey: m.name,
          cron: s.cron,
          timezone: s.timezone,
          probability: schedule.slotProbability(from),
          slots: schedule
            .eligibleSlots(from, count)
            .map((d) => ({ utc: d.toISOString(), local: formatInZone(d, s.timezone) })),
        };
      });
      out.write({ kind: 'schedule', data: next });
    });
  withOutput(schedule, ['schedule']);
}
