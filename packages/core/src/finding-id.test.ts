import { describe, expect, it } from 'vitest';
import { findingId } from './finding-id.js';

const resource = {
  ref: 'k8s:prod/shop/Deployment/web',
  kind: 'Deployment',
  name: 'web',
  namespace: 'shop',
  provider: 'kubernetes',
  context: 'prod',
};

describe('findingId', () => {
  it('is the same for the same rule, resource and scope, whatever else the finding says', () => {
    const a = findingId({ ruleId: 'K8S-IMG-001', resource });
    expect(a).toMatch(/^[0-9a-f]{20}$/);
    expect(findingId({ ruleId: 'K8S-IMG-001', resource: { ...resource, owner: 'x' } })).toBe(a);
  });

  it('differs by rule, by resource and by scope', () => {
    const a = findingId({ ruleId: 'K8S-IMG-001', resource });
    expect(findingId({ ruleId: 'K8S-IMG-002', resource })).not.toBe(a);
    expect(
      findingId({
        ruleId: 'K8S-IMG-001',
        resource: { ...resource, ref: 'k8s:prod/shop/Deployment/api' },
      }),
    ).not.toBe(a);
    expect(
      findingId({ ruleId: 'K8S-IMG-001', resource: { ...resource, context: 'staging' } }),
    ).not.toBe(a);
  });
});
