import { outsideWindowReason } from '../../schedule/windows.js';
import { drop, PASS, type GateRule } from '../rule.js';

export const windowRule: GateRule = {
  name: 'window',
  description:
    "Destructive actions happen only inside the monkey's allowed window (days, hours, holidays, time zone).",
  appliesTo: 'destructive',
  resourceOnly: false,
  check(_action, ctx) {
    const s = ctx.monkeyConfig.schedule;
    const reason = outsideWindowReason(ctx.now, s.windows, s.timezone);
    return reason ? drop(reason) : PASS;
  },
};
