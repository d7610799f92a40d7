import type { ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';
import { ownerViews } from './owners.js';

interface ServiceObject extends KubeObject {
  spec?: { type?: string; selector?: Record<string, string> };
}

/**
 * The service view of a Service. An empty selector is no selector: the API server then manages no
 * endpoints for it (someone else does, or it is an ExternalName).
 */
export function serviceViews(object: KubeObject): ResourceViews {
  const spec = (object as ServiceObject).spec ?? {};
  const selector =
    spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
  return {
    ...ownerViews(object),
    service: { type: spec.type ?? 'ClusterIP', ...(selector ? { selector } : {}) },
  };
}
