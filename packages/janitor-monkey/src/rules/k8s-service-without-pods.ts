import { selectorMatches } from '@simian/core';
import { memo, resourcesOf } from '../estate.js';
import { keyOf, referencesOf } from './k8s-references.js';
import { defineRule, ruleConfigSchema } from './rule.js';

const ID = 'k8s-service-without-pods';

/** Services whose selector matches no pod. */
export const k8sServiceWithoutPods = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: ['Service'],
  title: 'Service selecting no pod',
  description:
    'A Service with a selector that matches no Pod (Pending or Running) in its namespace, that no Ingress routes to and nothing owns, for longer than `after`. Services without a selector (their endpoints are someone else’s) and ExternalName Services are never judged.',
  reads: ['Service', 'Pod', 'Ingress'],
  clock: 'first-seen',
  configSchema: ruleConfigSchema(ID, { after: '7d' }),
  judge(r, ctx) {
    const view = r.views?.service;
    if (!view?.selector || view.type === 'ExternalName') return undefined;
    const owner = r.views?.owners?.[0];
    if (owner) return { unused: false, reason: `owned by ${owner.kind} ${owner.name}` };
    const pods = memo(ctx.estate, 'live-pods-by-namespace', () => {
      const by = new Map<string, Array<{ name: string; labels: Record<string, string> }>>();
      for (const p of resourcesOf(ctx.estate, 'Pod')) {
        const phase = p.views?.pod?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') continue;
        const list = by.get(p.namespace ?? '') ?? [];
        list.push({ name: p.name, labels: p.labels });
        by.set(p.namespace ?? '', list);
      }
      return by;
    });
    const match = (pods.get(r.namespace ?? '') ?? []).find((p) =>
      selectorMatches({ matchLabels: view.selector! }, p.labels),
    );
    if (match) return { unused: false, reason: `selects Pod ${match.name}` };
    const routed = referencesOf(ctx.estate).ingressServices.get(keyOf(r));
    if (routed) return { unused: false, reason: `routed to by ${routed.join(', ')}` };
    const selector = Object.entries(view.selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return {
      unused: true,
      reason: `Service ${r.name} selects no pod (${selector})`,
      evidence: {
        selector,
        checked: ['Pending and Running Pods of its namespace', 'Ingress backends'],
      },
    };
  },
});
