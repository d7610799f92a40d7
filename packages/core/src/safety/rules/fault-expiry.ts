import { formatDuration } from '../../config/duration.js';
import { INJECT_FAULT } from '../../faults/fault-pairs.js';
import { drop, PASS, type GateRule } from '../rule.js';

export const faultExpiryRule: GateRule = {
  name: 'fault-expiry',
  description:
    'A fault is injected only with a deadline, no further away than safety.maxFaultDuration; the deadline is written on the object as its expiry.',
  appliesTo: 'destructive',
  resourceOnly: false,
  check(action, ctx) {
    if (action.verb !== INJECT_FAULT) return PASS;
    if (!action.deadline) return drop('a fault must carry its deadline (Action.deadline)');
    const deadline = Date.parse(action.deadline);
    if (Number.isNaN(deadline)) return drop(`the deadline "${action.deadline}" is not a time`);
    if (deadline <= ctx.now.getTime()) return drop(`the deadline ${action.deadline} has passed`);
    const max = ctx.config.safety.maxFaultDuration;
    if (deadline - ctx.now.getTime() > max) {
      return drop(
        `the deadline ${action.deadline} is more than safety.maxFaultDuration (${formatDuration(max)}) away`,
      );
    }
    return PASS;
  },
};
