// The chaos monkey against the sandbox's moto server: EC2 instances in Auto Scaling groups of this
// file's own. They opt in with a tag key unique to this run, so the seed's opted-in group (and any
// other file's) is never eligible here.
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsProvider } from '@simian/provider-aws';
import { sandboxAwsClientConfig } from '@simian/sandbox';
import { createTestAutoScalingGroups, useSandboxAwsCredentials } from '@simian/testing/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { chaosConfigFor, registryOf, runChaos, Store, uniqueName } from './support.js';

const endpoint = inject('sandboxAwsEndpoint');
const client = sandboxAwsClientConfig({ awsEndpoint: endpoint });
// The provider takes its credentials from the default chain, as it would in production.
useSandboxAwsCredentials(client);
const ec2 = new EC2Client(client);
const autoscaling = new AutoScalingClient(client);
const registry = registryOf([awsProvider]);
const prefix = uniqueName('chaos-aws');
const OPT_IN = `chaos-test.simian.dev/${prefix}`;
const names = { web: `${prefix}-web`, tight: `${prefix}-tight`, plain: `${prefix}-plain` };
let store: Store;

async function group(name: string): Promise<AutoScalingGroup> {
  const found = await autoscaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  return found.AutoScalingGroups![0]!;
}

const inService = (g: AutoScalingGroup) =>
  (g.Instances ?? []).filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);

async function stateOf(id: string): Promise<string | undefined> {
  const found = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return found.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

const chaos = (yaml: string) =>
  chaosConfigFor({
    registry,
    aws: { endpoint },
    top: 'safety:\n  blastRadius: { maxActionsPerRun: 10, maxGroupShare: 1, minHealthy: 1 }\n',
    chaos: `    optIn: { label: ${JSON.stringify(OPT_IN)} }\n    kubernetes: { enabled: false }\n    recovery: { timeout: 60s, pollInterval: 100ms }\n${yaml}`,
  });

const ours = (key: string) => key.includes(prefix);

let groups: { remove(): Promise<void> } | undefined;
beforeAll(async () => {
  groups = await createTestAutoScalingGroups(client, prefix, [
    { name: names.web, min: 2, desired: 4, tags: { [OPT_IN]: 'true' } },
    { name: names.tight, min: 2, desired: 2, tags: { [OPT_IN]: 'true' } },
    { name: names.plain, min: 0, desired: 2 },
  ]);
  expect(inService(await group(names.web))).toHaveLength(4);
});

afterAll(async () => {
  await groups?.remove();
});

beforeEach(() => {
  store = new Store(':memory:');
});
afterEach(() => store.close());

describe('EC2 instances in Auto Scaling groups', () => {
  it('dry-run is the default and terminates nothing', async () => {
    const before = inService(await group(names.web));
    const result = await runChaos(registry, chaos(''), store);
    const outcomes = result.monkeys[0]!.outcomes.filter((o) => ours(o.action.group!));
    expect(outcomes.map((o) => [o.action.verb, o.status])).toEqual([['terminate', 'dry-run']]);
    expect(before).toContain(outcomes[0]!.action.resource.name);
    expect(inService(await group(names.web))).toEqual(before);
    for (const id of before) expect(await stateOf(id)).toBe('running');
  });

  it('terminates within min-in-service, through the group, which replaces each instance', async () => {
    const before = inService(await group(names.web));
    let lowest = before.length;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        lowest = Math.min(lowest, inService(await group(names.web)).length);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await runChaos(
      registry,
      chaos('    dryRun: false\n    killMode: percent:100\n'),
      store,
      { seed: 7 },
    );
    sampling = false;
    await sampler;
    const m = result.monkeys[0]!;
    expect(m.error).toBeUndefined();

    // web: 4 InService, MinSize 2: two may go. tight: MinSize = desired = 2: none. plain: not opted in.
    const killed = m.outcomes.filter((o) => ours(o.action.group!));
    expect(killed.map((o) => [o.action.group!.split('/').pop(), o.action.verb, o.status])).toEqual([
      [names.web, 'terminate', 'succeeded'],
      [names.web, 'terminate', 'succeeded'],
    ]);
    expect(killed[0]!.action.reason).toContain(
      'kill mode percent:100 asks for 4 of 4, limited: min healthy 2 allows 2 of 4 healthy',
    );
    for (const o of killed) {
      expect(before).toContain(o.action.resource.name);
      expect(o.output).toMatchObject({
        terminated: true,
        via: 'TerminateInstanceInAutoScalingGroup',
        recovered: true,
        desiredAfter: 4,
      });
      expect(o.output!.readyAfter).toBeGreaterThanOrEqual(4);
      expect(await stateOf(o.action.resource.name)).toMatch(/^(shutting-down|terminated)$/);
    }
    expect(m.gated.notes).toContain(
      `Auto Scaling group ${names.tight}: no victim, kill mode percent:100 asks for 2 of 2, limited: min healthy 2 allows 0 of 2 healthy`,
    );
    expect(
      m.gated.notes!.some((n) => n.includes(`Auto Scaling group ${names.plain} (not opted in`)),
    ).toBe(true);
    // The group kept its desired capacity and replaced both; it never fell below its MinSize.
    const after = await group(names.web);
    expect(after.DesiredCapacity).toBe(4);
    expect(inService(after)).toHaveLength(4);
    expect(lowest).toBeGreaterThanOrEqual(2);
    expect(store.ledger({ status: 'succeeded' }).filter((e) => ours(e.group!))).toHaveLength(2);
  });

  it('with minInService set to a number, a group at MinSize may lose members down to it', async () => {
    const result = await runChaos(
      registry,
      chaos('    killMode: percent:100\n    aws: { minInService: 1 }\n'),
      store,
      { mode: 'plan' },
    );
    const tight = result.monkeys[0]!.gated.allowed.filter((a) => a.group!.endsWith(names.tight));
    expect(tight).toHaveLength(1);
  });
});
