import { drop, PASS, type GateRule } from '../rule.js';

export const protectedRule: GateRule = {
  name: 'protected',
  description:
    'Protected namespaces (kube-system and friends by default), labels/tags and refs are never touched.',
  appliesTo: 'all',
  resourceOnly: true,
  check(action, ctx) {
    const p = ctx.config.safety.protected;
    const r = action.resource;
    if (r.namespace && p.namespaces.includes(r.namespace))
      return drop(`namespace "${r.namespace}" is protected`);
    if (p.refs.includes(r.ref)) return drop(`${r.ref} is listed as protected`);
    for (const [k, v] of Object.entries(p.labels)) {
      if (r.labels?.[k] === v) return drop(`label/tag ${k}=${v} marks it protected`);
    }
    return PASS;
  },
};
