import type { ResourceViews, ServicePort } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

interface ServiceObject extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    selector?: Record<string, string>;
    ports?: Array<{
      name?: string;
      port?: number;
      targetPort?: number | string;
      protocol?: string;
      appProtocol?: string;
    }>;
  };
}

/** The service view of a Service. */
export function serviceViews(object: KubeObject): ResourceViews {
  const spec = (object as ServiceObject).spec ?? {};
  const ports: ServicePort[] = (spec.ports ?? [])
    .filter((p) => typeof p.port === 'number')
    .map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port!,
      ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
      protocol: p.protocol ?? 'TCP',
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    }));
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
  return {
    service: {
      ...(selector ? { selector: { ...selector } } : {}),
      ports,
      type: spec.type ?? 'ClusterIP',
      ...(spec.clusterIP && spec.clusterIP !== 'None' ? { clusterIP: spec.clusterIP } : {}),
    },
  };
}
