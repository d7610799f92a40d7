import { describe, expect, it } from 'vitest';
import { BundleError } from './errors.js';
import { rulesFromManifest } from './rule-metadata.js';

const manifest = (custom: Record<string, unknown>) => ({
  wasm: [
    {
      entrypoint: 'acme/x/violations',
      module: '/policy.wasm',
      annotations: [{ scope: 'rule', title: 'A rule', custom }],
    },
  ],
});

describe('rulesFromManifest', () => {
  it('reads provider, monkey and judged kinds, defaulting the monkey to conformity', () => {
    expect(rulesFromManifest(manifest({ id: 'X-1', severity: 'low' }), 'b')).toMatchObject([
      { id: 'X-1', monkey: 'conformity', kinds: [], inventoryKinds: [] },
    ]);
    expect(
      rulesFromManifest(
        manifest({
          id: 'X-2',
          severity: 'high',
          monkey: 'security',
          provider: 'aws',
          kinds: ['Bucket'],
        }),
        'b',
      ),
    ).toMatchObject([{ id: 'X-2', monkey: 'security', provider: 'aws', kinds: ['Bucket'] }]);
  });

  it('refuses kinds to list without a provider to list them from', () => {
    expect(() =>
      rulesFromManifest(
        manifest({ id: 'X-3', severity: 'low', inventory_kinds: ['Namespace'] }),
        'b',
      ),
    ).toThrow(BundleError);
    expect(() =>
      rulesFromManifest(manifest({ id: 'X-3', severity: 'low', kinds: ['Pod'] }), 'b'),
    ).toThrow(/X-3 names kinds to list but no provider/);
  });

  it('refuses a monkey name that cannot be an entrypoint', () => {
    expect(() =>
      rulesFromManifest(manifest({ id: 'X-4', severity: 'low', monkey: 'Security Team' }), 'b'),
    ).toThrow(/invalid METADATA/);
  });
});
