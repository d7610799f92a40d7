import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chaosConfigSchema } from './config.js';
import { chaosPermissions } from './permissions.js';

const config = (own: unknown) =>
  ({ ...chaosConfigSchema.parse(own), enabled: true }) as unknown as Parameters<
    typeof chaosPermissions
  >[0];

describe('what the chaos monkey needs under its config', () => {
  it('evicts by default: eviction only, budgets read, every workload kind', () => {
    const p = chaosPermissions(config({}));
    expect(p.verbs).toEqual(['kubernetes:evict:Pod', 'aws:terminate:Instance']);
    expect(p.reads).toEqual(
      expect.arrayContaining([
        'kubernetes:Pod',
        'kubernetes:ReplicaSet',
        'kubernetes:PodDisruptionBudget',
      ]),
    );
  });

  it('one kill method each, only the kinds it groups by, nothing of a disabled target', () => {
    const p = chaosPermissions(
      config({
        kubernetes: {
          killMethod: 'container-kill',
          kinds: ['StatefulSet'],
          respectPodDisruptionBudgets: false,
        },
        aws: { enabled: false },
      }),
    );
    expect(p).toEqual({
      reads: ['kubernetes:Pod', 'kubernetes:StatefulSet'],
      verbs: ['kubernetes:kill-container:Pod'],
    });
    expect(z.array(z.string()).parse(p.reads)).not.toContain('kubernetes:ReplicaSet');
  });
});
