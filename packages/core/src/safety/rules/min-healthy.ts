import { drop, PASS, type GateRule } from '../rule.js';

export const minHealthyRule: GateRule = {
  name: 'min-healthy',
  description:
    'A degraded group (healthy < desired) is not touched, and no action takes a group below its minimum healthy members.',
  appliesTo: 'destructive',
  resourceOnly: false,
  check(action, ctx) {
    if (!action.group) return PASS;
    const health = ctx.groups[action.group];
    if (!health)
      return drop(`no health is known for group ${action.group}, so its minimum cannot be checked`);
    if (health.desired !== undefined && health.healthy < health.desired) {
      return drop(
        `group ${action.group} is degraded: ${health.healthy} of ${health.desired} healthy`,
      );
    }
    const min =
      health.minHealthy ??
      ctx.monkeyConfig.safety.blastRadius?.minHealthy ??
      ctx.config.safety.blastRadius.minHealthy;
    const after = health.healthy - ctx.tally.inGroup(action.group) - 1;
    if (after < min) {
      return drop(`group ${action.group} would keep ${after} healthy, below its minimum of ${min}`);
    }
    return PASS;
  },
};
