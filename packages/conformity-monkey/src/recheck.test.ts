import type { Action, Resource } from '@simian/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { DELETE_AFTER_KEY, markValues } from './marks.js';
import { planConformity } from './plan-conformity.js';
import { recheckConformity } from './recheck.js';
import { configWith, planContext } from './__fixtures__/context.js';
import { MemoryProvider } from '@simian/testing';
import { withMarks, kubeFixture } from './__fixtures__/resources.js';

const T0 = new Date('2026-11-02T10:00:00Z');
const NOW = new Date('2026-11-10T10:00:00Z');
const WEB = 'k8s:test/shop/web';
const DEPLOYMENT = 'k8s:test/shop/Deployment/web';
const SERVICE = 'k8s:test/shop/Service/web-admin';
const config = configWith('enforce: { rules: [K8S-EXPO-001, K8S-AVAIL-001] }');
const scale: Action = {
  id: `conformity:scale:${DEPLOYMENT}`,
  monkey: 'conformity',
  verb: 'scale',
  resource: {
    ref: DEPLOYMENT,
    provider: 'kubernetes',
    kind: 'Deployment',
    name: 'web',
    labels: {},
  },
  reason: 'test',
  reversible: false,
  group: WEB,
  params: { replicas: 0 },
};

let p: MemoryProvider;
beforeEach(async () => {
  const marks = markValues(['K8S-AVAIL-001', 'K8S-EXPO-001'], T0, new Date('2026-11-09T10:00:00Z'));
  const shop = (await kubeFixture('shop.yaml')).map((r) =>
    r.ref === DEPLOYMENT || r.ref === SERVICE ? withMarks(r, marks) : r,
  );
  p = new MemoryProvider('kubernetes', shop, 'test');
});

/**
 * Plans first, as the engine does, so the run's inventory holds the stack as it was; then
 * `between` changes the cluster and `change` the fresh read of the Deployment.
 */
async function recheck(
  change: (fresh: Resource) => void = () => undefined,
  between: () => void = () => undefined,
) {
  const ctx = planContext(config, [p], NOW);
  await planConformity(ctx);
  between();
  const fresh = (await p.read(DEPLOYMENT))!;
  change(fresh);
  return recheckConformity(ctx, scale, fresh);
}

describe('recheckConformity', () => {
  it('lets a teardown through when the stack still breaks an enforced rule past its deadline', async () => {
    expect(await recheck()).toEqual({ ok: true });
  });

  it('skips when the mark was removed or the deadline moved by a person', async () => {
    expect(await recheck((r) => delete r.marks![DELETE_AFTER_KEY])).toEqual({
      ok: false,
      reason: 'Deployment web no longer carries the conformity.simian.dev/delete-after mark',
    });
    expect(await recheck((r) => (r.marks![DELETE_AFTER_KEY] = '2026-12-24T00:00:00Z'))).toEqual({
      ok: false,
      reason: "Deployment web's deadline was moved to 2026-12-24T00:00:00.000Z",
    });
  });

  it('skips when the resource left the stack', async () => {
    const r = await recheck((fresh) => {
      fresh.labels['app.kubernetes.io/instance'] = 'web-v2';
    });
    expect(r).toEqual({ ok: false, reason: `Deployment web is no longer part of stack ${WEB}` });
  });

  it('skips when the stack conforms now: a fixed violator elsewhere in the stack counts, read again', async () => {
    // The Deployment stays in violation of nothing enforced once its HA claim goes; the Service
    // that exposed the admin port is fixed in the cluster after planning.
    const r = await recheck(
      (fresh) => delete fresh.labels['simian.dev/availability'],
      () => {
        const svc = p.resources.get(SERVICE)!;
        (svc.raw as { spec: { type: string } }).spec.type = 'ClusterIP';
      },
    );
    expect(r).toEqual({
      ok: false,
      reason: `stack ${WEB} conforms to the enforced rules now, or its violations are waived`,
    });
  });

  it('skips when the remaining violations are waived by annotation on the fresh read', async () => {
    const r = await recheck(
      (fresh) => (fresh.annotations!['simian.dev/waive'] = 'K8S-AVAIL-001'),
      () => (p.resources.get(SERVICE)!.annotations!['simian.dev/waive'] = 'K8S-EXPO-001'),
    );
    expect(r.ok).toBe(false);
  });

  it('still tears down when only the torn-down resource was fixed and another member still breaks a rule', async () => {
    const r = await recheck((fresh) => delete fresh.labels['simian.dev/availability']);
    expect(r).toEqual({ ok: true });
  });
});
