import { describe, expect, it } from 'vitest';
import { builtinKind } from '../kinds/builtin-kinds.js';
import { toResource } from '../to-resource.js';
import type { KubeObject } from '../kinds/kind.js';

const resource = (kind: string, object: KubeObject) =>
  toResource(builtinKind(kind)!, object, { context: 'test', ownerLabel: 'owner' });

describe('the views the latency monkey reads', () => {
  it('a Service: selector, ports, type and address; a headless one has no address', () => {
    const svc = resource('Service', {
      metadata: { name: 'middle', namespace: 'shop' },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.0.0.7',
        selector: { app: 'middle' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' }],
      },
    });
    // The Service view is shared with the security monkey and the janitor: their fields are
    // empty here (no load balancer, no external addresses, no owners).
    expect(svc.views).toEqual({
      service: {
        selector: { app: 'middle' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' }],
        type: 'ClusterIP',
        clusterIP: '10.0.0.7',
        loadBalancer: [],
        externalIPs: [],
      },
    });
    const headless = resource('Service', {
      metadata: { name: 'db' },
      spec: { clusterIP: 'None', ports: [{ port: 5432 }] },
    });
    expect(headless.views).toEqual({
      service: {
        ports: [{ port: 5432, protocol: 'TCP' }],
        type: 'ClusterIP',
        loadBalancer: [],
        externalIPs: [],
      },
    });
  });

  it('an EndpointSlice: its service, and each endpoint ready or not, with its pod', () => {
    const slice = resource('EndpointSlice', {
      metadata: { name: 'middle-x7', labels: { 'kubernetes.io/service-name': 'middle' } },
      endpoints: [
        {
          addresses: ['10.1.0.4'],
          conditions: { ready: true },
          nodeName: 'n1',
          targetRef: { kind: 'Pod', name: 'middle-1' },
        },
        { addresses: ['10.1.0.5'], conditions: { ready: false } },
        { addresses: ['10.1.0.6'] },
      ],
    });
    expect(slice.views).toEqual({
      endpoints: {
        service: 'middle',
        endpoints: [
          { ready: true, addresses: ['10.1.0.4'], pod: 'middle-1', node: 'n1' },
          { ready: false, addresses: ['10.1.0.5'] },
          { ready: true, addresses: ['10.1.0.6'] },
        ],
      },
    });
  });

  it("a Pod: each container's probe timing, with the API's defaults where unset", () => {
    const pod = resource('Pod', {
      metadata: { name: 'middle-1' },
      spec: {
        containers: [
          {
            name: 'app',
            livenessProbe: { httpGet: { path: '/', port: 80 }, timeoutSeconds: 2 },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, failureThreshold: 1 },
          },
          { name: 'sidecar' },
        ],
      },
    });
    // A Pod has other views too (pod state, pod spec: views.test.ts); this is its probes.
    expect({ probes: pod.views?.probes }).toEqual({
      probes: {
        containers: [
          {
            container: 'app',
            liveness: {
              handler: 'http',
              timeoutSeconds: 2,
              periodSeconds: 10,
              failureThreshold: 3,
            },
            readiness: { handler: 'tcp', timeoutSeconds: 1, periodSeconds: 5, failureThreshold: 1 },
          },
          { container: 'sidecar' },
        ],
      },
    });
  });
});
