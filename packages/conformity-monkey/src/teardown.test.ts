import type { Resource } from '@simian/core';
import { autoScalingGroupResource, instanceResource } from '@simian/provider-aws';
import { resourceFromObject } from '@simian/provider-kubernetes';
import { describe, expect, it } from 'vitest';
import { teardownPlan } from './teardown.js';

// Members as the providers make them, from API objects, so their views are the real ones.
const k8s = (kind: string, object: Record<string, unknown> = {}): Resource => {
  const metadata = (object['metadata'] ?? {}) as Record<string, unknown>;
  return resourceFromObject(
    { ...object, kind, metadata: { name: 'x', namespace: 'shop', ...metadata } },
    { context: 'test' },
  );
};
const place = { region: 'eu-west-1', account: '1' };
const instance = (state: string): Resource =>
  instanceResource(place, { InstanceId: 'i-1', State: { Name: state as never } });
const summary = (r: Resource, mode: 'scale-to-zero' | 'delete') => {
  const p = teardownPlan(r, mode);
  return p === undefined
    ? 'stays'
    : p.kind === 'step'
      ? `${p.step.verb} ${JSON.stringify(p.step.params)}`
      : `${p.kind}: ${p.why}`;
};

describe('teardownPlan', () => {
  it('scales scalable workloads to zero, and says what cannot be', () => {
    expect(summary(k8s('Deployment', { spec: { replicas: 3 } }), 'scale-to-zero')).toBe(
      'scale {"replicas":0}',
    );
    expect(summary(k8s('StatefulSet'), 'scale-to-zero')).toBe('scale {"replicas":0}');
    expect(summary(k8s('Deployment', { spec: { replicas: 0 } }), 'scale-to-zero')).toBe(
      'done: it runs 0 replicas',
    );
    expect(summary(k8s('DaemonSet'), 'scale-to-zero')).toBe(
      'unsupported: a DaemonSet cannot be scaled to zero (teardown: delete removes it)',
    );
    expect(summary(k8s('Service'), 'scale-to-zero')).toBe('stays');
  });

  it('deletes workloads, leaves the rest, and does not delete twice', () => {
    expect(summary(k8s('CronJob'), 'delete')).toBe('delete {"propagationPolicy":"Background"}');
    expect(summary(k8s('ConfigMap'), 'delete')).toBe('stays');
    expect(
      summary(k8s('Pod', { metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' } }), 'delete'),
    ).toBe('done: it is being deleted');
  });

  it('stops or terminates standalone instances', () => {
    expect(summary(instance('running'), 'scale-to-zero')).toBe('stop {}');
    expect(summary(instance('stopped'), 'scale-to-zero')).toBe('done: it is stopped');
    expect(summary(instance('stopped'), 'delete')).toBe('terminate {}');
    expect(summary(instance('terminated'), 'delete')).toBe('done: it is terminated');
  });

  it('takes an Auto Scaling group to zero or deletes it (its instances are not members)', () => {
    const asg = (group: Record<string, unknown>): Resource =>
      autoScalingGroupResource(place, {
        AutoScalingGroupName: 'web',
        AutoScalingGroupARN:
          'arn:aws:autoscaling:eu-west-1:1:autoScalingGroup:x:autoScalingGroupName/web',
        ...group,
      } as never);
    const running = asg({ MinSize: 2, DesiredCapacity: 3 });
    expect(summary(running, 'scale-to-zero')).toBe('scale {"desiredCapacity":0}');
    expect(summary(asg({ MinSize: 0, DesiredCapacity: 0 }), 'scale-to-zero')).toBe(
      'done: it runs 0 instances',
    );
    expect(summary(running, 'delete')).toBe('delete {}');
    expect(summary(asg({ Status: 'Delete in progress' }), 'delete')).toBe(
      'done: it is being deleted',
    );
  });
});
