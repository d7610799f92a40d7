import { describe, expect, it } from 'vitest';
import { Inventory } from './inventory.js';
import type { ListOptions, Provider } from './provider.js';

/** A provider that records the options of each listing; nothing else is called. */
function recordingProvider(name: string): Provider & { calls: Array<[string, ListOptions]> } {
  const calls: Array<[string, ListOptions]> = [];
  return {
    name,
    calls,
    scopes: () => ['main'],
    list: async (kind: string, _scope: string, options: ListOptions = {}) => {
      calls.push([kind, options]);
      return [];
    },
  } as unknown as Provider & { calls: Array<[string, ListOptions]> };
}

describe('Inventory', () => {
  it('lists a kind once per scope, however many ask', async () => {
    const aws = recordingProvider('aws');
    const inventory = new Inventory([aws]);
    await Promise.all([
      inventory.list('aws', 'Volume', 'main'),
      inventory.listAll('aws', 'Volume'),
    ]);
    expect(aws.calls.map(([kind]) => kind)).toEqual(['Volume']);
  });

  it('asks the provider for the per-item details some monkey needs, for that kind only', async () => {
    const aws = recordingProvider('aws');
    const inventory = new Inventory([aws]);
    inventory.need(['aws:Snapshot:createVolumePermission']);
    inventory.need(['aws:Snapshot:createVolumePermission', 'kubernetes:Pod:logs']);
    await inventory.list('aws', 'Snapshot', 'main');
    await inventory.list('aws', 'Volume', 'main');
    expect(aws.calls).toEqual([
      ['Snapshot', { details: ['createVolumePermission'] }],
      ['Volume', {}],
    ]);
  });

  it('refuses a detail that does not name provider, kind and detail', () => {
    expect(() => new Inventory([]).need(['aws:Snapshot'])).toThrow(
      /"aws:Snapshot" is not a detail \(provider:Kind:detail\)/,
    );
  });
});
