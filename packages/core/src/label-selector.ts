/**
 * A label selector as Kubernetes writes it (`matchLabels` and `matchExpressions`): how a workload
 * names its pods and a PodDisruptionBudget the pods it covers. Views carry selectors in this form;
 * {@link selectorMatches} and {@link selectorQuery} are the one implementation of its rules.
 */
export interface LabelSelector {
  /** Every pair must be among the labels. */
  matchLabels?: Record<string, string>;
  /** Every expression must hold. */
  matchExpressions?: Array<{
    key: string;
    /** `In`, `NotIn`, `Exists` or `DoesNotExist`; any other operator selects nothing. */
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | (string & {});
    /** The values of `In` and `NotIn`. */
    values?: string[];
  }>;
}

/**
 * Whether `selector` selects an object with `labels`, by the API's own rules: every matchLabels
 * pair and every expression must hold; an empty selector selects everything, a missing one nothing.
 */
export function selectorMatches(
  selector: LabelSelector | undefined | null,
  labels: Record<string, string>,
): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * The selector in the query-string form a listing filters by (`app=web,tier in (a,b),!canary`),
 * or undefined when there is nothing to filter by or an operator has no query form.
 */
export function selectorQuery(selector: LabelSelector | undefined | null): string | undefined {
  if (!selector) return undefined;
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else return undefined;
  }
  return parts.length ? parts.join(',') : undefined;
}
