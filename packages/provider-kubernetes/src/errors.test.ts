import { ActionFailedError, TargetError } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { explainKubeError } from './errors.js';
import { builtinKind } from './kinds/builtin-kinds.js';
import { KubeApiError, KubeUnreachableError } from './rest/api-error.js';

const pods = builtinKind('Pod')!;

describe('explainKubeError', () => {
  it('a 403 names the identity, the resource, the call and the RBAC rule to grant', () => {
    const forbidden = new KubeApiError(
      'DELETE /api/v1/namespaces/shop/pods/web-1',
      403,
      {
        reason: 'Forbidden',
        message:
          'pods "web-1" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "shop"',
      },
      '',
    );
    const error = explainKubeError(
      forbidden,
      { context: 'prod', rbacVerb: 'delete', kind: pods, namespace: 'shop', name: 'web-1' },
      'action',
    );
    expect(error).toBeInstanceOf(ActionFailedError);
    expect(error.message).toContain(
      'the identity "jane" cannot delete pods "web-1" in namespace shop',
    );
    expect(error.message).toContain('DELETE /api/v1/namespaces/shop/pods/web-1 answered 403');
    expect(error.hint).toContain('{ apiGroups: [""], resources: ["pods"], verbs: ["delete"] }');
    expect(error.hint).toContain('a Role in namespace shop');
    expect(error.hint).toContain('simian doctor');
  });

  it('a failed listing is a TargetError with a code scripts can match', () => {
    const forbidden = new KubeApiError(
      'GET /api/v1/secrets',
      403,
      { reason: 'Forbidden', message: 'no' },
      '',
    );
    const error = explainKubeError(
      forbidden,
      { context: 'prod', rbacVerb: 'list', kind: builtinKind('Secret')! },
      'target',
    );
    expect(error).toBeInstanceOf(TargetError);
    expect(error.code).toBe('TARGET_FORBIDDEN');
    expect(error.message).toContain('cannot list secrets in all namespaces');
    expect(error.hint).toContain('a ClusterRole');
  });

  it('an unreachable server says where to look', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
      code: 'ECONNREFUSED',
    });
    const error = explainKubeError(
      new KubeUnreachableError('GET /api/v1/nodes', 'https://127.0.0.1:6443', cause),
      { context: 'kind-dev', rbacVerb: 'list', kind: builtinKind('Node')! },
      'target',
    );
    expect(error.code).toBe('TARGET_UNREACHABLE');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.hint).toContain('kubectl --context kind-dev cluster-info');
  });

  it('throttling after retries suggests lowering concurrency', () => {
    const error = explainKubeError(
      new KubeApiError(
        'GET /api/v1/pods',
        429,
        { reason: 'TooManyRequests', message: 'too many requests' },
        '',
      ),
      { context: 'prod', rbacVerb: 'list', kind: pods },
      'target',
    );
    expect(error.message).toContain('even after retries');
    expect(error.hint).toContain('inventory.concurrency');
  });
});
