import { describe, expect, it } from 'vitest';
import type { KindInfo } from '../kinds/kind.js';
import { kubeVerb, kubeVerbDescriptors } from './index.js';
import { patchTypeFor, patchVerb } from './patch.js';

const deployments: KindInfo = {
  kind: 'Deployment',
  apiKind: 'Deployment',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  namespaced: true,
  custom: false,
};

describe('the patch verb', () => {
  it('is registered, needs patch on the kind, and applies to every kind', () => {
    expect(kubeVerb('patch')).toBe(patchVerb);
    expect(patchVerb.permissions(deployments)).toEqual([
      { kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['patch'] },
    ]);
    expect(
      kubeVerbDescriptors().some((d) => d.verb === 'patch' && d.kinds[0] === 'Deployment'),
    ).toBe(true);
  });

  it('sends a strategic merge patch to built-in kinds and a merge patch to custom ones by default', () => {
    expect(patchTypeFor(deployments, undefined)).toBe('strategic');
    expect(patchTypeFor({ custom: true }, undefined)).toBe('merge');
    expect(patchTypeFor(deployments, 'merge')).toBe('merge');
  });

  it('takes a patch object and an optional type, nothing else', () => {
    expect(patchVerb.params.safeParse({ patch: { spec: {} } }).success).toBe(true);
    expect(patchVerb.params.safeParse({ patch: {}, type: 'json' }).success).toBe(false);
    expect(patchVerb.params.safeParse({ patch: {}, force: true }).success).toBe(false);
    expect(patchVerb.params.safeParse({}).success).toBe(false);
  });

  it('takes a JSON Patch as a list of operations, with type json only', () => {
    const ops = [{ op: 'add', path: '/metadata/labels', value: { a: 'b' } }];
    expect(patchVerb.params.safeParse({ patch: ops, type: 'json' }).success).toBe(true);
    expect(patchVerb.params.safeParse({ patch: ops }).success).toBe(false);
  });
});
