import { describe, expect, it } from 'vitest';
import { conformityConfigSchema } from './config.js';
import { awsFixture, kubeFixture, pick } from './__fixtures__/resources.js';
import { groupByStack, isStackMember, stackResolver } from './stacks.js';

const defaults = conformityConfigSchema.parse({}).stacks;

describe('groupByStack (Kubernetes)', () => {
  it('names stacks by Helm release annotation, instance, part-of, else namespace, first match wins', async () => {
    const resources = await kubeFixture('shop.yaml');
    const groups = groupByStack(resources, defaults);
    const summary = Object.fromEntries(
      [...groups.values()].map((g) => [
        g.stack.id,
        { source: g.stack.source, members: g.resources.map((r) => `${r.kind}/${r.name}`) },
      ]),
    );
    expect(summary).toEqual({
      'k8s:test/_': { source: 'namespace', members: ['Namespace/shop'] },
      'k8s:test/shop/web': {
        source: 'label app.kubernetes.io/instance',
        members: ['Deployment/web', 'ReplicaSet/web-5d8f', 'Pod/web-5d8f-x1', 'Service/web-admin'],
      },
      'k8s:test/shop/api': {
        source: 'annotation meta.helm.sh/release-name',
        members: ['Deployment/api'],
      },
      'k8s:test/shop/jobs': {
        source: 'label app.kubernetes.io/part-of',
        members: ['StatefulSet/queue'],
      },
      'k8s:test/shop': { source: 'namespace', members: ['Service/lonely'] },
    });
  });

  it('lets a resource without a stack label join its controller, through a chain of owners', async () => {
    const resources = await kubeFixture('shop.yaml');
    const stackOf = stackResolver(resources, defaults);
    expect(stackOf(pick(resources, 'Pod', 'web-5d8f-x1')).id).toBe('k8s:test/shop/web');
    // Without its controllers in the listing, the pod falls back to its namespace.
    const alone = stackResolver([pick(resources, 'Pod', 'web-5d8f-x1')], defaults);
    expect(alone(pick(resources, 'Pod', 'web-5d8f-x1')).id).toBe('k8s:test/shop');
  });

  it('keeps stacks of different contexts apart', async () => {
    const a = await kubeFixture('shop.yaml', 'prod-eu');
    const b = await kubeFixture('shop.yaml', 'prod-us');
    const ids = [...groupByStack([...a, ...b], defaults).keys()];
    expect(ids).toContain('k8s:prod-eu/shop/web');
    expect(ids).toContain('k8s:prod-us/shop/web');
  });

  it('follows configured keys, in the configured order', async () => {
    const resources = await kubeFixture('shop.yaml');
    const stacks = conformityConfigSchema.parse({
      stacks: { kubernetes: [{ label: 'app.kubernetes.io/instance' }] },
    }).stacks;
    const stackOf = stackResolver(resources, stacks);
    expect(stackOf(pick(resources, 'Deployment', 'api')).id).toBe('k8s:test/shop/not-the-stack');
    expect(stackOf(pick(resources, 'StatefulSet', 'queue')).id).toBe('k8s:test/shop');
  });

  it('marks and tears down only resources without a controller', async () => {
    const resources = await kubeFixture('shop.yaml');
    expect(resources.filter(isStackMember).map((r) => r.name)).not.toContain('web-5d8f');
    expect(resources.filter(isStackMember).map((r) => r.name)).toContain('web');
  });
});

describe('groupByStack (AWS)', () => {
  it('names stacks by simian:stack, then the CloudFormation stack, else Auto Scaling group, else the resource', async () => {
    const resources = await awsFixture('aws.json');
    const stackOf = stackResolver(resources, defaults);
    const prefix = 'aws:123456789012/eu-west-1';
    expect(resources.map((r) => [r.name, stackOf(r).id, stackOf(r).source])).toEqual([
      ['i-0000000000000000a', `${prefix}/billing`, 'tag simian:stack'],
      ['i-0000000000000000b', `${prefix}/reports`, 'tag aws:cloudformation:stack-name'],
      ['web-asg', `${prefix}/storefront`, 'tag simian:stack'],
      // An untagged instance joins the stack of its tagged Auto Scaling group.
      ['i-0000000000000000c', `${prefix}/storefront`, 'tag simian:stack'],
      // Its group is not listed: the group's name still makes the stack.
      ['i-0000000000000000d', `${prefix}/AutoScalingGroup/batch-asg`, 'Auto Scaling group'],
      ['i-0000000000000000e', `${prefix}/Instance/i-0000000000000000e`, 'resource'],
    ]);
  });
});
