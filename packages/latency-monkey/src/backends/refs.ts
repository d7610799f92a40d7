import type { Provider, RefParts } from '@simian/core';

/**
 * The ref of a fault object that does not exist yet (a NetworkChaos, a deny policy): the provider
 * builds it (`Provider.ref`), as it builds every ref, so the monkey never spells a provider's form.
 */
export function faultObjectRef(provider: Provider, parts: RefParts): string {
  return provider.ref(parts);
}

/**
 * A name for a fault object: `simian-<what>-<service>-<run>`, within the 63 characters most kinds
 * allow, so one run's object never collides with another run's left behind.
 */
export function faultObjectName(what: string, service: string, runId: string): string {
  const run = runId
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(-6);
  const head = `simian-${what}-${service}`.slice(0, 63 - run.length - 1).replace(/-+$/, '');
  return `${head}-${run}`;
}
