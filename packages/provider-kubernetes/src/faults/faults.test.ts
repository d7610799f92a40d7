import { describe, expect, it } from 'vitest';
import { isChaosMeshExperiment, withChaosMeshDuration } from './chaos-mesh.js';
import { parseGoDuration } from './go-duration.js';
import { faultedRoutes, hostNames, istioFault } from './http-fault.js';

const stamp = {
  expiresAt: '2026-12-03T10:05:00.000Z',
  runId: 'r1',
  monkey: 'latency',
  actionId: 'a1',
  injectedAt: '2026-12-03T10:00:00.000Z',
};
const now = Date.parse('2026-12-03T10:00:00.500Z');

describe('Go durations', () => {
  it('reads what Chaos Mesh and Istio write', () => {
    expect(parseGoDuration('30s')).toBe(30_000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('1500ms')).toBe(1500);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('soon')).toBeUndefined();
    expect(parseGoDuration('30')).toBeUndefined();
  });
});

describe('Chaos Mesh duration', () => {
  const chaos = { spec: { action: 'delay' } };
  it("ends Chaos Mesh's own duration at the fault's expiry (rounded up to the second)", () => {
    expect(withChaosMeshDuration(chaos, stamp, now, 'here').spec).toEqual({
      action: 'delay',
      duration: '300s',
    });
  });
  it('keeps a shorter duration, refuses a longer one or one it cannot read', () => {
    expect(withChaosMeshDuration({ spec: { duration: '60s' } }, stamp, now, 'here').spec).toEqual({
      duration: '60s',
    });
    expect(() => withChaosMeshDuration({ spec: { duration: '1h' } }, stamp, now, 'here')).toThrow(
      "here: spec.duration 1h outlasts the fault's expiry 2026-12-03T10:05:00.000Z",
    );
    expect(() => withChaosMeshDuration({ spec: { duration: 'long' } }, stamp, now, 'here')).toThrow(
      /is not a duration/,
    );
    expect(() => withChaosMeshDuration(chaos, stamp, Date.parse(stamp.expiresAt), 'here')).toThrow(
      /has passed/,
    );
  });
  it('applies to Chaos Mesh experiments only', () => {
    expect(isChaosMeshExperiment({ group: 'chaos-mesh.org', apiKind: 'NetworkChaos' })).toBe(true);
    expect(isChaosMeshExperiment({ group: 'chaos-mesh.org', apiKind: 'Schedule' })).toBe(false);
    expect(isChaosMeshExperiment({ group: 'networking.k8s.io', apiKind: 'NetworkPolicy' })).toBe(
      false,
    );
  });
});

describe('Istio HTTP faults', () => {
  it("writes Istio's fault fields", () => {
    expect(
      istioFault({
        delay: { fixedDelayMs: 1500, percent: 100 },
        abort: { httpStatus: 503, percent: 10 },
      }),
    ).toEqual({
      delay: { fixedDelay: '1500ms', percentage: { value: 100 } },
      abort: { httpStatus: 503, percentage: { value: 10 } },
    });
  });
  it('knows a service by its short and qualified names', () => {
    for (const h of ['middle', 'middle.shop', 'middle.shop.svc', 'middle.shop.svc.cluster.local'])
      expect(hostNames(h, 'middle', 'shop'), h).toBe(true);
    expect(hostNames('middle.other', 'middle', 'shop')).toBe(false);
    expect(hostNames('back', 'middle', 'shop')).toBe(false);
    expect(hostNames('middle.other.svc.cluster.local', 'middle.other', 'shop')).toBe(true);
  });
  it('faults only the routes to the host, and leaves the others as they are', () => {
    const routes = [
      { match: [{ uri: { prefix: '/a' } }], route: [{ destination: { host: 'middle' } }] },
      { route: [{ destination: { host: 'back.shop.svc.cluster.local' } }] },
    ];
    const { routes: out, faulted } = faultedRoutes(
      routes,
      { host: 'middle', delay: { fixedDelayMs: 200, percent: 50 } },
      'shop',
    );
    expect(faulted).toBe(1);
    expect(out[0]).toEqual({
      ...routes[0],
      fault: { delay: { fixedDelay: '200ms', percentage: { value: 50 } } },
    });
    expect(out[1]).toBe(routes[1]);
    expect(
      faultedRoutes(routes, { delay: { fixedDelayMs: 1, percent: 100 } }, 'shop').faulted,
    ).toBe(2);
  });
});
