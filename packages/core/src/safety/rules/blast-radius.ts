import { drop, PASS, type GateRule } from '../rule.js';

export const blastRadiusRule: GateRule = {
  name: 'blast-radius',
  description:
    'At most maxActionsPerRun destructive actions per run (over all monkeys) and at most maxGroupShare of one group.',
  appliesTo: 'destructive',
  resourceOnly: false,
  check(action, ctx) {
    const g = ctx.config.safety.blastRadius;
    const m = ctx.monkeyConfig.safety.blastRadius;
    const maxRun = Math.min(g.maxActionsPerRun, m?.maxActionsPerRun ?? Infinity);
    if (ctx.tally.total >= maxRun)
      return drop(`the run already has ${ctx.tally.total} destructive actions (max ${maxRun})`);
    if (action.group) {
      const health = ctx.groups[action.group];
      const share = m?.maxGroupShare ?? g.maxGroupShare;
      if (health && health.total > 0) {
        const allowed = Math.max(1, Math.floor(health.total * share));
        if (ctx.tally.inGroup(action.group) + 1 > allowed) {
          return drop(
            `group ${action.group} already has ${ctx.tally.inGroup(action.group)} of ${health.total} members acted on (max share ${share})`,
          );
        }
      }
    }
    return PASS;
  },
};
