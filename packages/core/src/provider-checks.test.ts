import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { actionOn, MemoryProvider, pod } from '@simian/testing';
import type { Permission } from './provider.js';
import { diagnoseScopes, parseActionParams } from './provider-checks.js';

describe('parseActionParams', () => {
  const schema = z.strictObject({ replicas: z.int().min(0) });

  it('returns the params as the verb reads them', () => {
    expect(parseActionParams(schema, actionOn(pod('web'), { params: { replicas: 0 } }))).toEqual({
      replicas: 0,
    });
  });

  it('names the action, the params and the planning monkey when they do not fit', () => {
    expect(() =>
      parseActionParams(schema, actionOn(pod('web'), { params: { replicas: -1 } })),
    ).toThrow(
      /^action delete-web \(delete k8s:test\/shop\/Pod\/web\) has invalid parameters: params\.replicas: /,
    );
  });
});

describe('diagnoseScopes', () => {
  const rbac: Permission = { kind: 'rbac', group: '', resource: 'pods', verbs: ['delete'] };

  it('sorts checks into missing and unknown, and renders the grant in the provider form', async () => {
    const provider = Object.assign(new MemoryProvider(), {
      ping: async () => ({ ok: true, identity: 'tester' }),
      checkPermissions: async (_scope: string, perms: Permission[]) => [
        { permission: perms[0]!, allowed: false as const },
        { permission: perms[1]!, allowed: 'unknown' as const, detail: 'no simulation here' },
        { permission: perms[2]!, allowed: true as const },
      ],
    });
    const perms = [rbac, { ...rbac, verbs: ['get'] }, { ...rbac, verbs: ['list'] }];
    const [report] = await diagnoseScopes(
      provider,
      perms,
      (missing, unknown) => `grant ${missing.length} + ${unknown.length}`,
    );
    expect(report).toMatchObject({
      scope: 'test',
      reachable: true,
      identity: 'tester',
      missing: [perms[0]],
      unknown: [perms[1]],
      grant: 'grant 1 + 1',
    });
  });

  it('checks nothing in a scope it cannot reach', async () => {
    const provider = Object.assign(new MemoryProvider(), {
      ping: async () => ({ ok: false, detail: 'connection refused' }),
    });
    expect(await diagnoseScopes(provider, [rbac], () => 'never')).toEqual([
      {
        scope: 'test',
        reachable: false,
        detail: 'connection refused',
        checks: [],
        missing: [],
        unknown: [],
      },
    ]);
  });
});
