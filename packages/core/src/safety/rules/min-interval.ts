import { formatDuration } from '../../config/duration.js';
import { drop, PASS, type GateRule } from '../rule.js';

export const minIntervalRule: GateRule = {
  name: 'min-interval',
  description:
    'Two destructive actions on one group are at least schedule.minTimeBetweenActions apart (kept in the store across runs).',
  appliesTo: 'destructive',
  resourceOnly: false,
  check(action, ctx) {
    if (!action.group || !ctx.store) return PASS;
    const last = ctx.store.lastActionOnGroup(action.group);
    const min = ctx.monkeyConfig.schedule.minTimeBetweenActions;
    if (last && ctx.now.getTime() - last.getTime() < min) {
      return drop(
        `group ${action.group} was last acted on at ${last.toISOString()}, less than ${formatDuration(min)} ago`,
      );
    }
    return PASS;
  },
};
