import { drop, PASS, type GateRule } from '../rule.js';

const truthy = (v: string | undefined) =>
  v !== undefined && ['true', 'yes', '1', 'on'].includes(v.toLowerCase());

/**
 * Taking a monkey's own marks off is how it lets go of a resource: a resource that opted out (or
 * lost its opt-in) since it was marked is unmarked, so nothing of the monkey stays on it.
 */
const lettingGo = (verb: string) => verb === 'unmark';

export const optOutRule: GateRule = {
  name: 'opt-out',
  description:
    'A resource whose opt-out label/tag is "true" is never touched, by any monkey, except to take its marks off.',
  appliesTo: 'all',
  resourceOnly: true,
  check(action, ctx) {
    if (lettingGo(action.verb)) return PASS;
    const key = ctx.config.safety.optOutLabel;
    const r = action.resource;
    return truthy(r.labels?.[key]) || truthy(r.annotations?.[key])
      ? drop(`opted out with ${key}=true`)
      : PASS;
  },
};

export const optInRule: GateRule = {
  name: 'opt-in',
  description:
    'Where a monkey requires opt-in, only resources carrying its opt-in label/tag set to "true" are touched (marks come off any).',
  appliesTo: 'all',
  resourceOnly: true,
  check(action, ctx) {
    const key = ctx.monkeyConfig.safety.optInLabel;
    if (!key || lettingGo(action.verb)) return PASS;
    return truthy(action.resource.labels?.[key])
      ? PASS
      : drop(`not opted in: ${key}=true is missing`);
  },
};
