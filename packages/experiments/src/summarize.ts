import type { ExperimentActivitySummary } from './check.js';
import type { ActivityRegistry } from './registry.js';
import { PROVIDER_TYPES, type ProviderTypeName } from './schema.js';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The activities of an experiment that does not match the format, as far as they can be read:
 * so that one schema error does not hide what the rest of the file calls (and whether Simian runs
 * it). Entries that are not recognisable activities or refs are left out.
 */
export function summarizeRawActivities(
  doc: unknown,
  registry: ActivityRegistry,
): ExperimentActivitySummary[] {
  if (!isDict(doc)) return [];
  const hypothesis = isDict(doc['steady-state-hypothesis']) ? doc['steady-state-hypothesis'] : {};
  const sections: Array<[ExperimentActivitySummary['section'], unknown, string]> = [
    ['steady-state-hypothesis', hypothesis.probes, 'steady-state-hypothesis.probes'],
    ['method', doc.method, 'method'],
    ['rollbacks', doc.rollbacks, 'rollbacks'],
  ];
  const byName = new Map<string, Dict>();
  for (const [, items] of sections.slice(0, 2)) {
    for (const item of Array.isArray(items) ? items : []) {
      if (isDict(item) && typeof item.name === 'string') byName.set(item.name, item);
    }
  }
  const out: ExperimentActivitySummary[] = [];
  for (const [section, items, prefix] of sections) {
    (Array.isArray(items) ? items : []).forEach((item, i) => {
      if (!isDict(item)) return;
      const ref = typeof item.ref === 'string' ? item.ref : undefined;
      const activity = ref ? byName.get(ref) : item;
      const provider = activity?.provider;
      if (!activity || !isDict(provider)) return;
      const type = provider.type as ProviderTypeName;
      if (!PROVIDER_TYPES.includes(type)) return;
      const providerType = registry.providerType(type);
      const native = providerType.native(provider, registry);
      out.push({
        section,
        path: `${prefix}.${i}`,
        name: String(activity.name ?? ''),
        type: activity.type === 'action' ? 'action' : 'probe',
        provider: type,
        native,
        bridge: !native && registry.pythonBridge() !== undefined,
        target: providerType.target(provider),
        background: activity.background === true,
        ...(ref ? { ref } : {}),
      });
    });
  }
  return out;
}
