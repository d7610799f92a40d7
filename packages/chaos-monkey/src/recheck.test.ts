import type { Action, Resource } from '@simian/core';
import { describe, expect, it } from 'vitest';
import {
  awsEstate,
  shopCluster,
  type FixtureObject,
  type FixtureProvider,
} from './__fixtures__/fixture-provider.js';
import { chaosContext } from './__fixtures__/chaos-context.js';
import { planChaos } from './plan-chaos.js';
import { recheckChaos } from './recheck.js';

async function planned(provider: FixtureProvider, group: string, yaml = '') {
  const ctx = chaosContext([provider], { yaml });
  const plan = await planChaos(ctx);
  const action = plan.actions.find((a) => a.group === group)!;
  const fresh = structuredClone(provider.resources.get(action.resource.ref)!) as Resource;
  return { ctx, action, fresh };
}

/** A change to a Kubernetes object's metadata or status, for a fresh read that differs. */
type Change = (o: FixtureObject & { status?: Record<string, unknown> }) => void;

describe('re-checking a pod kill on fresh reads', () => {
  const WEB = 'test/shop/Deployment/web';

  it('lets an unchanged kill through', async () => {
    const { ctx, action, fresh } = await planned(shopCluster(), WEB);
    expect(await recheckChaos(ctx, action, fresh)).toEqual({ ok: true });
  });

  it('refuses a namesake that replaced the planned pod', async () => {
    const cluster = shopCluster();
    const { ctx, action } = await planned(cluster, WEB);
    const fresh = cluster.variant<Parameters<Change>[0]>(action.resource.ref, (o) => {
      o.metadata!.uid = 'another-uid';
    });
    expect(await recheckChaos(ctx, action, fresh)).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^pod shop\/web-5d4f-. was replaced by a namesake since planning/,
      ),
    });
  });

  it('refuses when the workload opted out since planning', async () => {
    const cluster = shopCluster();
    const { ctx, action, fresh } = await planned(cluster, WEB);
    const web = cluster.resources.get('k8s:test/shop/Deployment/web')!;
    web.labels = { ...web.labels, 'chaos.simian.dev/enabled': 'false' };
    expect(await recheckChaos(ctx, action, fresh)).toEqual({
      ok: false,
      reason:
        'Deployment shop/web is opted out: Deployment shop/web has chaos.simian.dev/enabled=false',
    });
  });

  it('refuses when the workload is degraded now (a kill before this one has not recovered)', async () => {
    const cluster = shopCluster();
    const { ctx, action, fresh } = await planned(cluster, WEB);
    cluster.change<Parameters<Change>[0]>('k8s:test/shop/Deployment/web', (o) => {
      o.status!.readyReplicas = 2;
    });
    expect(await recheckChaos(ctx, action, fresh)).toEqual({
      ok: false,
      reason: 'Deployment shop/web is degraded now (2 of 3 ready)',
    });
  });

  it('refuses when the pod is now controlled by another workload, or is already going', async () => {
    const cluster = shopCluster();
    const { ctx, action, fresh } = await planned(cluster, WEB);
    const moved: Resource = { ...fresh, controller: { kind: 'StatefulSet', name: 'db' } };
    expect(await recheckChaos(ctx, action, moved)).toEqual({
      ok: false,
      reason: `pod shop/${fresh.name} is now controlled by StatefulSet shop/db, not by Deployment shop/web`,
    });
    const going = cluster.variant<Parameters<Change>[0]>(action.resource.ref, (o) => {
      o.metadata!.deletionTimestamp = '2026-11-23T10:00:00Z';
    });
    expect((await recheckChaos(ctx, action, going)).ok).toBe(false);
  });
});

describe('re-checking an instance kill on fresh reads', () => {
  const WEB = '123456789012/us-east-1/AutoScalingGroup/web';

  it('lets an unchanged kill through, refuses a stopped instance or a group below desired', async () => {
    const estate = awsEstate();
    const { ctx, action, fresh } = await planned(estate, WEB);
    expect(await recheckChaos(ctx, action, fresh)).toEqual({ ok: true });

    const stopped = estate.variant<{ State: { Name: string } }>(action.resource.ref, (o) => {
      o.State.Name = 'stopped';
    });
    expect(await recheckChaos(ctx, action, stopped)).toEqual({
      ok: false,
      reason: `instance ${fresh.name} is stopped`,
    });

    const asg = [...estate.resources.values()].find(
      (r) => r.name === 'web' && r.kind === 'AutoScalingGroup',
    )!;
    estate.change<{ Instances: Array<{ LifecycleState: string }> }>(asg.ref, (o) => {
      o.Instances[0]!.LifecycleState = 'Terminating';
    });
    expect(await recheckChaos(ctx, action, fresh)).toEqual({
      ok: false,
      reason: 'Auto Scaling group web is degraded now (3 of 4 InService)',
    });
  });

  it('refuses an action the chaos monkey did not plan', async () => {
    const { ctx, fresh } = await planned(awsEstate(), WEB);
    const foreign = { ruleId: 'janitor/unused', group: WEB } as Action;
    expect(await recheckChaos(ctx, foreign, fresh)).toEqual({
      ok: false,
      reason: 'the chaos monkey did not plan rule "janitor/unused"',
    });
  });
});
