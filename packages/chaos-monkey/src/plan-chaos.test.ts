import { seededRng } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { awsEstate, shopCluster } from './__fixtures__/fixture-provider.js';
import { chaosContext } from './__fixtures__/chaos-context.js';
import { planChaos } from './plan-chaos.js';

const victimsByGroup = (plan: Awaited<ReturnType<typeof planChaos>>) => {
  const out: Record<string, string[]> = {};
  for (const a of plan.actions) (out[a.group!] ??= []).push(a.resource.name);
  return out;
};

describe('planning pod kills', () => {
  it('kills one ready pod per eligible workload by default, with evict, group and listings', async () => {
    const plan = await planChaos(
      chaosContext([shopCluster()], { yaml: '    aws: { enabled: false }\n' }),
    );
    const groups = victimsByGroup(plan);
    // web, api, agent (opted in by its template) and batch; not cart (degraded: see below),
    // checkout (budget allows 0), db (not opted in), legacy (opted out), debug (bare), the Job.
    expect(Object.keys(groups).sort()).toEqual([
      'test/shop/DaemonSet/agent',
      'test/shop/Deployment/api',
      'test/shop/Deployment/cart',
      'test/shop/Deployment/web',
      'test/shop/ReplicaSet/batch',
    ]);
    expect(groups['test/shop/Deployment/api']).toHaveLength(3); // its label says percent-50 of 6
    const web = plan.actions.find((a) => a.group === 'test/shop/Deployment/web')!;
    expect(web).toMatchObject({
      monkey: 'chaos',
      verb: 'evict',
      reversible: false,
      ruleId: 'chaos/kill-pod',
      params: {},
      resource: { kind: 'Pod', namespace: 'shop', context: 'test', provider: 'kubernetes' },
    });
    expect(web.id).toMatch(/^chaos-evict:test\/shop\/web-5d4f-[abc]@00000000-/);
    expect(web.dependsOn).toEqual([
      { provider: 'kubernetes', kind: 'Pod', scope: 'test' },
      { provider: 'kubernetes', kind: 'Deployment', scope: 'test' },
      { provider: 'kubernetes', kind: 'ReplicaSet', scope: 'test' },
    ]);
    expect(web.reason).toMatch(
      /^evict pod shop\/web-5d4f-[abc] of Deployment shop\/web: kill mode one asks for 1 of 3; picked at random among 3 ready pods \(opted in: Deployment shop\/web has chaos.simian.dev\/enabled=true\)$/,
    );
    expect(plan.groups!['test/shop/Deployment/web']).toEqual({
      total: 3,
      healthy: 3,
      desired: 3,
      minHealthy: 1,
    });
  });

  it('names every workload it passes over, and why', async () => {
    const plan = await planChaos(
      chaosContext([shopCluster()], { yaml: '    aws: { enabled: false }\n' }),
    );
    expect(plan.notes).toContain(
      'context test: 2 workloads are not eligible: Deployment shop/legacy (opted out: Deployment shop/legacy has chaos.simian.dev/enabled=false), StatefulSet shop/db (not opted in: chaos.simian.dev/enabled=true is missing)',
    );
    expect(plan.notes).toContain(
      'context test: 2 pods belong to no target workload: shop/debug (a bare pod: no controller would replace it), shop/report-28471-x (controlled by Job report-28471, not a chaos target kind)',
    );
  });

  it('reports a degraded workload, and gives the gate the numbers to drop its kills', async () => {
    const plan = await planChaos(
      chaosContext([shopCluster()], { yaml: '    aws: { enabled: false }\n' }),
    );
    expect(plan.findings.find((f) => f.ruleId === 'chaos/degraded-group')).toMatchObject({
      severity: 'info',
      group: 'test/shop/Deployment/cart',
      message: 'Deployment shop/cart is degraded (2 of 3 ready), so it is not touched this run',
    });
    expect(plan.groups!['test/shop/Deployment/cart']).toEqual({
      total: 3,
      healthy: 2,
      desired: 3,
      minHealthy: 1,
    });
  });

  it('puts a PodDisruptionBudget that allows nothing in the plan, and plans no kill there', async () => {
    const plan = await planChaos(
      chaosContext([shopCluster()], { yaml: '    aws: { enabled: false }\n' }),
    );
    expect(plan.actions.some((a) => a.group === 'test/shop/Deployment/checkout')).toBe(false);
    expect(plan.findings.find((f) => f.ruleId === 'chaos/disruption-budget')?.message).toBe(
      'PodDisruptionBudget shop/checkout allows 0 disruptions now (2 healthy, 2 required): no pod of Deployment shop/checkout is killed this run',
    );
  });

  it('keeps within a budget that allows some: fixed:3 of web gets 1', async () => {
    const plan = await planChaos(
      chaosContext([shopCluster()], {
        yaml: '    killMode: fixed:3\n    aws: { enabled: false }\n',
      }),
    );
    const web = plan.actions.filter((a) => a.group === 'test/shop/Deployment/web');
    expect(web).toHaveLength(1);
    expect(web[0]!.reason).toContain(
      'kill mode fixed:3 asks for 3 of 3, limited: min healthy 1 allows 2 of 3 healthy; PodDisruptionBudget shop/web allows 1 disruption;',
    );
  });

  it('in opt-out mode takes everything in scope but what opted out', async () => {
    const plan = await planChaos(
      chaosContext([shopCluster()], {
        yaml: '    optIn: { mode: opt-out }\n    aws: { enabled: false }\n',
      }),
    );
    const groups = Object.keys(victimsByGroup(plan));
    expect(groups).toContain('test/shop/StatefulSet/db');
    expect(groups).not.toContain('test/shop/Deployment/legacy');
  });

  it('delete uses grace 0 and a budget listing in its dependencies; container-kill names the container', async () => {
    const del = await planChaos(
      chaosContext([shopCluster()], {
        yaml: '    kubernetes: { killMethod: delete }\n    aws: { enabled: false }\n',
      }),
    );
    const web = del.actions.find((a) => a.group === 'test/shop/Deployment/web')!;
    expect(web.verb).toBe('delete');
    expect(web.params).toEqual({ gracePeriodSeconds: 0 });
    expect(web.dependsOn).toContainEqual({
      provider: 'kubernetes',
      kind: 'PodDisruptionBudget',
      scope: 'test',
    });
    const kill = await planChaos(
      chaosContext([shopCluster()], {
        yaml: '    kubernetes: { killMethod: container-kill }\n    aws: { enabled: false }\n',
      }),
    );
    expect(kill.actions[0]!.verb).toBe('kill-container');
    expect(kill.actions[0]!.params).toEqual({ container: 'main', signal: 'TERM' });
  });

  it('leaves a workload with an unreadable override label alone, and says what to fix', async () => {
    const cluster = shopCluster();
    const web = cluster.resources.get('k8s:test/shop/Deployment/web')!;
    web.labels = { ...web.labels, 'chaos.simian.dev/kill-mode': 'lots' };
    const plan = await planChaos(
      chaosContext([cluster], { yaml: '    aws: { enabled: false }\n' }),
    );
    expect(plan.actions.some((a) => a.group === 'test/shop/Deployment/web')).toBe(false);
    expect(plan.findings.find((f) => f.ruleId === 'chaos/invalid-override')?.message).toBe(
      'Deployment shop/web is left alone until its chaos labels are fixed: chaos.simian.dev/kill-mode: kill mode must be "one", "fixed:N", "percent:P" or "random-max-percent:P", but "lots" was given',
    );
  });

  it('draws each workload against its own mean time between kills', async () => {
    const cluster = shopCluster();
    const web = cluster.resources.get('k8s:test/shop/Deployment/web')!;
    web.labels = { ...web.labels, 'chaos.simian.dev/mtbf': '2d' };
    let fired = 0;
    let note: string | undefined;
    const ctx = chaosContext([cluster], { yaml: '    aws: { enabled: false }\n' });
    for (let seed = 0; seed < 400; seed++) {
      const plan = await planChaos({ ...ctx, rng: seededRng(seed) });
      if (plan.actions.some((a) => a.group === 'test/shop/Deployment/web')) fired++;
      else note = plan.notes!.find((n) => n.startsWith('Deployment shop/web'));
    }
    // Hourly runs in business hours: p = 4.2h / 48h = 0.0875, about 35 of 400 runs.
    expect(fired).toBeGreaterThan(20);
    expect(fired).toBeLessThan(50);
    expect(note).toBe(
      'Deployment shop/web: no kill this run (mean time between kills draw, p=0.0875)',
    );
  });

  it('says no pod is killed in a context whose listing failed', async () => {
    const cluster = shopCluster();
    cluster.list = async () => {
      throw new Error('pods is forbidden');
    };
    const plan = await planChaos(
      chaosContext([cluster], { yaml: '    aws: { enabled: false }\n' }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.notes![0]).toMatch(
      /^context test: no pod is killed, because the listing of Pod \(pods is forbidden\)/,
    );
  });
});

describe('planning instance kills', () => {
  it('groups by Auto Scaling group and keeps MinSize (and min-healthy) in service', async () => {
    const plan = await planChaos(
      chaosContext([awsEstate()], { yaml: '    killMode: percent:100\n' }),
    );
    const groups = victimsByGroup(plan);
    // web: min 1, desired 4 -> 3 may go; tight: min = desired = 2 -> none; batch: not opted in;
    // jobs: degraded (1 of 3) -> its one healthy instance is kept by min-healthy anyway.
    expect(Object.keys(groups)).toEqual(['123456789012/us-east-1/AutoScalingGroup/web']);
    expect(groups['123456789012/us-east-1/AutoScalingGroup/web']).toHaveLength(3);
    expect(plan.groups!['123456789012/us-east-1/AutoScalingGroup/tight']).toEqual({
      total: 2,
      healthy: 2,
      desired: 2,
      minHealthy: 2,
    });
    expect(plan.notes).toContain(
      'Auto Scaling group tight: no victim, kill mode percent:100 asks for 2 of 2, limited: min healthy 2 allows 0 of 2 healthy',
    );
    expect(plan.findings.find((f) => f.ruleId === 'chaos/degraded-group')?.message).toBe(
      'Auto Scaling group jobs is degraded (1 of 3 InService and healthy), so it is not touched this run',
    );
    const a = plan.actions[0]!;
    expect(a).toMatchObject({
      verb: 'terminate',
      ruleId: 'chaos/kill-instance',
      resource: { provider: 'aws', kind: 'Instance', region: 'us-east-1' },
    });
    expect(a.dependsOn).toEqual([
      { provider: 'aws', kind: 'Instance', scope: 'us-east-1' },
      { provider: 'aws', kind: 'AutoScalingGroup', scope: 'us-east-1' },
    ]);
  });

  it('with a number for minInService, the Auto Scaling group keeps that many', async () => {
    const plan = await planChaos(
      chaosContext([awsEstate()], {
        yaml: '    killMode: percent:100\n    aws: { minInService: 1 }\n',
      }),
    );
    const groups = victimsByGroup(plan);
    expect(groups['123456789012/us-east-1/AutoScalingGroup/tight']).toHaveLength(1);
  });

  it('groups by a tag when told to, counting running instances', async () => {
    const plan = await planChaos(
      chaosContext([awsEstate()], {
        yaml: '    aws: { groupBy: tag, groupTag: app, killMethod: reboot }\n',
      }),
    );
    expect(plan.groups!['123456789012/us-east-1/tag/app=reports']).toEqual({
      total: 3,
      healthy: 3,
      minHealthy: 1,
    });
    const reports = plan.actions.filter(
      (a) => a.group === '123456789012/us-east-1/tag/app=reports',
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]!.verb).toBe('reboot');
    expect(['i-0rep1', 'i-0rep2', 'i-0rep3']).toContain(reports[0]!.resource.name);
  });
});
