import { seededRng } from '@simian/core';
import { MemoryProvider } from '@simian/testing';
import { describe, expect, it } from 'vitest';
import {
  endpointSlice,
  namespaceObject,
  pod,
  seed003,
  service,
  virtualService,
} from '../__fixtures__/estate.js';
import { latencyContext, MONDAY_10_UTC } from '../__fixtures__/latency-context.js';
import { planLatency } from './plan-latency.js';

const plan = (yaml: string, resources = seed003(), seed = 1) =>
  planLatency(latencyContext([new MemoryProvider('kubernetes', resources)], { yaml, seed }));

describe('planning latency', () => {
  it('seed 003: one NetworkChaos on the opted-in middle service, with a deadline and the group health', async () => {
    const p = await plan('    fault: { delay: 1500ms, duration: 2m }\n    onProbeTimeout: warn\n');
    expect(p.actions).toHaveLength(1);
    const a = p.actions[0]!;
    expect(a).toMatchObject({
      verb: 'inject-fault',
      monkey: 'latency',
      group: 'k8s:test/shop/Service/middle',
      reversible: true,
      deadline: new Date(MONDAY_10_UTC.getTime() + 120_000 + 60_000).toISOString(),
      resource: {
        // The test estate's provider (MemoryProvider) builds refs of objects not yet there in its form.
        ref: 'memory:test/shop/chaos-mesh.org/v1alpha1/NetworkChaos/simian-latency-middle-abcdef',
        kind: 'chaos-mesh.org/v1alpha1/NetworkChaos',
        namespace: 'shop',
        labels: { 'latency.simian.dev/enabled': 'true' },
      },
      reason: 'delay 1500ms on service shop/middle for 120s (network-chaos)',
    });
    expect(a.params).toEqual({
      fault: {
        object: {
          apiVersion: 'chaos-mesh.org/v1alpha1',
          kind: 'NetworkChaos',
          metadata: {
            name: 'simian-latency-middle-abcdef',
            labels: { 'app.kubernetes.io/managed-by': 'simian' },
          },
          spec: {
            action: 'delay',
            mode: 'all',
            direction: 'to',
            selector: { namespaces: ['shop'], labelSelectors: { app: 'middle' } },
            delay: { latency: '1500ms' },
          },
        },
      },
    });
    expect(a.dependsOn?.map((k) => k.kind)).toEqual(['Service', 'EndpointSlice']);
    expect(p.groups).toEqual({
      'k8s:test/shop/Service/middle': { total: 2, healthy: 2, desired: 2, minHealthy: 0 },
    });
    expect(p.notes).toContain(
      'context test: 2 service(s) not eligible: shop/back (not opted in: latency.simian.dev/enabled=true is missing), shop/front (not opted in: latency.simian.dev/enabled=true is missing)',
    );
  });

  it('warns that 1500 ms fails the 1 s liveness probe of middle-1, and skips the service when told to', async () => {
    const warned = await plan('    fault: { delay: 1500ms }\n');
    expect(warned.findings).toEqual([
      expect.objectContaining({
        ruleId: 'latency-probe-timeout',
        message:
          'a delay of up to 1500ms is at or above the 1s timeout of the liveness probe of middle-1/app: the kubelet restarts container app after 3 failed liveness probes; injecting anyway (onProbeTimeout: warn)',
      }),
    ]);
    expect(warned.actions).toHaveLength(1);
    const skipped = await plan('    fault: { delay: 1500ms }\n    onProbeTimeout: skip\n');
    expect(skipped.actions).toEqual([]);
    expect(skipped.notes).toContain(
      'shop/middle: left out: the delay would fail its liveness probes',
    );
    // 500 ms is below the timeout: no warning.
    expect((await plan('    fault: { delay: 500ms }\n')).findings).toEqual([]);
    // Istio's delay does not reach the kubelet's probes.
    expect(
      (await plan('    backend: virtual-service\n    fault: { delay: 1500ms }\n')).findings,
    ).toEqual([]);
  });

  it('passes over a service with no ready endpoint, or no selector, and says so', async () => {
    const p = await plan('', [
      service('middle', { labels: { 'latency.simian.dev/enabled': 'true' } }),
      endpointSlice('middle', [{ pod: 'middle-1', ready: false }]),
      service('external', { labels: { 'latency.simian.dev/enabled': 'true' }, selector: null }),
    ]);
    expect(p.actions).toEqual([]);
    expect(p.notes).toEqual(
      expect.arrayContaining([
        'shop/middle: no ready endpoint, so no traffic to delay',
        'shop/external: opted in, but it has no pod selector: nothing to put a fault on',
      ]),
    );
  });

  it('draws per service against mtbf: over many runs about slot/mtbf of them plan a fault', async () => {
    let planned = 0;
    const ctx = latencyContext([new MemoryProvider('kubernetes', seed003())], {
      yaml: '    mtbf: 2d\n',
    });
    for (let seed = 1; seed <= 200; seed++) {
      const p = await planLatency({ ...ctx, rng: seededRng(seed) });
      planned += p.actions.length;
    }
    // Hourly slots in business hours: p = 4.2h / 48h ~ 0.0875.
    expect(planned).toBeGreaterThan(5);
    expect(planned).toBeLessThan(40);
  });

  it('netem: one fault per ready pod, with the queue sized for the traffic', async () => {
    const p = await plan('    backend: netem\n    fault: { delay: 200ms, jitter: 20ms }\n');
    expect(p.actions.map((a) => a.resource.ref)).toEqual([
      'k8s:test/shop/Pod/middle-1',
      'k8s:test/shop/Pod/middle-2',
    ]);
    expect(p.actions[0]!.params).toEqual({
      fault: {
        netem: {
          delayMs: 200,
          jitterMs: 20,
          expectedPacketsPerSecond: 10_000,
          image: 'nicolaka/netshoot:v0.13',
        },
      },
    });
  });

  it('netem: passes over a namespace whose Pod Security refuses NET_ADMIN, naming the backends that work there', async () => {
    const estate = seed003().map((r) =>
      r.kind === 'Namespace'
        ? namespaceObject('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' })
        : r,
    );
    const p = await plan('    backend: netem\n', estate);
    expect(p.actions).toEqual([]);
    expect(p.notes).toContain(
      'shop/middle: namespace shop enforces Pod Security "restricted", which refuses the NET_ADMIN capability netem\'s container needs; use network-chaos, virtual-service or network-policy there',
    );
  });

  it("virtual-service: the service's own VirtualService gets an HTTP fault; without one, Simian creates its own", async () => {
    const withVs = await plan(
      '    backend: virtual-service\n    fault: { delay: 1500ms, percent: 50 }\n',
      [...seed003(), virtualService('middle')],
    );
    expect(withVs.actions[0]).toMatchObject({
      resource: { ref: 'k8s:test/shop/VirtualService.v1.networking.istio.io/middle' },
      params: {
        fault: { httpFault: { host: 'middle', delay: { fixedDelayMs: 1500, percent: 50 } } },
      },
    });
    const own = await plan(
      '    backend: virtual-service\n    fault: { delay: 0ms, abort: { httpStatus: 503, percent: 10 } }\n',
    );
    expect(own.actions[0]!.params).toEqual({
      fault: {
        object: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: {
            name: 'simian-latency-middle-abcdef',
            labels: { 'app.kubernetes.io/managed-by': 'simian' },
          },
          spec: {
            hosts: ['middle.shop.svc.cluster.local'],
            http: [
              {
                fault: { abort: { httpStatus: 503, percentage: { value: 10 } } },
                route: [{ destination: { host: 'middle.shop.svc.cluster.local' } }],
              },
            ],
          },
        },
      },
    });
  });

  it('network-policy: cuts back off from middle only (seed 003), or from every caller', async () => {
    const estate = seed003().map((r) =>
      r.kind === 'Service' && r.name === 'back'
        ? service('back', { labels: { 'latency.simian.dev/enabled': 'true' } })
        : r.kind === 'Service' && r.name === 'middle'
          ? service('middle')
          : r,
    );
    const from = await plan(
      '    backend: network-policy\n    networkPolicy: { from: middle }\n',
      estate,
    );
    expect(from.actions).toHaveLength(1);
    expect(
      (from.actions[0]!.params as { fault: { object: { spec: unknown } } }).fault.object.spec,
    ).toEqual({
      podSelector: { matchLabels: { app: 'back' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['middle'] }],
              },
            },
            {
              namespaceSelector: {
                matchExpressions: [
                  { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['shop'] },
                ],
              },
            },
          ],
        },
      ],
    });
    const all = await plan('    backend: network-policy\n', estate);
    expect(
      (all.actions[0]!.params as { fault: { object: { spec: unknown } } }).fault.object.spec,
    ).toEqual({
      podSelector: { matchLabels: { app: 'back' } },
      policyTypes: ['Ingress'],
      ingress: [],
    });
    expect(all.actions[0]!.resource.ref).toBe(
      'memory:test/shop/NetworkPolicy/simian-cut-back-abcdef',
    );
  });

  it('plans nothing in a context whose Service listing failed, and says why', async () => {
    const k8s = new MemoryProvider('kubernetes', seed003());
    k8s.failList.add('Service');
    const p = await planLatency(latencyContext([k8s]));
    expect(p.actions).toEqual([]);
    expect(p.notes?.[0]).toMatch(
      /^context test: no fault is planned, because the listing of Service \(listing Service was throttled \(429\)\) failed$/,
    );
  });

  it('opt-out mode: every service but those labelled false; the global opt-out label wins', async () => {
    const estate = [
      ...seed003().filter((r) => r.kind !== 'Service'),
      service('front', { labels: { 'simian.dev/opt-out': 'true' } }),
      service('middle'),
      service('back', { labels: { 'latency.simian.dev/enabled': 'false' } }),
      pod('x', {}),
    ];
    const p = await plan('    optIn: { mode: opt-out }\n    fault: { delay: 100ms }\n', estate);
    expect(p.actions.map((a) => a.group)).toEqual(['k8s:test/shop/Service/middle']);
  });
});
