import { drop, PASS, type GateRule } from '../rule.js';

export const killSwitchRule: GateRule = {
  name: 'kill-switch',
  description:
    'While the kill switch is engaged (env var, file or provider hook), nothing runs but fault removal.',
  appliesTo: 'all',
  resourceOnly: false,
  check: (_action, ctx) => (ctx.killSwitch ? drop(`kill switch engaged: ${ctx.killSwitch}`) : PASS),
};
