import type { Resource, Rng } from '@simian/core';

/** Chaos Toolkit's pod selection arguments (`chaosk8s.pod.actions._select_pods`). */
export interface PodSelection {
  name_pattern?: string | null | undefined;
  all: boolean;
  rand: boolean;
  mode: 'fixed' | 'percentage';
  qty: number;
  order: 'alphabetic' | 'oldest';
}

/**
 * Picks pods as chaostoolkit-kubernetes does: keep those whose name matches `name_pattern`
 * (a search, not a full match), order them, then unless `all` take `qty` of them (or `qty` percent,
 * rounded up), capped at how many there are: the first ones, or a random sample with `rand`.
 */
export function selectPods(pods: readonly Resource[], s: PodSelection, rng: Rng): Resource[] {
  const pattern = s.name_pattern ? new RegExp(s.name_pattern) : undefined;
  let picked = pods.filter((p) => !pattern || pattern.test(p.name));
  picked.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (s.order === 'oldest') {
    picked.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
  }
  if (s.all) return picked;
  const wanted = s.mode === 'percentage' ? Math.ceil((s.qty * picked.length) / 100) : s.qty;
  const qty = Math.min(wanted, picked.length);
  picked = s.rand ? rng.sample(picked, qty) : picked.slice(0, qty);
  return picked;
}
