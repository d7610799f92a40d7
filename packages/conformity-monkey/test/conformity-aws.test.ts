// The conformity monkey against the sandbox's moto server: two Auto Scaling groups of this file's
// own, without an owner tag (AWS-TAG-001, enforceable), go through mark, grace and teardown. The
// group is what gets torn down; its instances go with it.
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  parseConfigText,
  Registry,
  runMonkeys,
  silentLogger,
  type RunResult,
  type SimianConfig,
} from '@simian/core';
import { awsProvider } from '@simian/provider-aws';
import { sandboxAwsClientConfig } from '@simian/sandbox';
import { createTestAutoScalingGroups, useSandboxAwsCredentials } from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { conformityMonkey, DELETE_AFTER_KEY } from '../src/index.js';
import { sleepUntil, Store, uniqueName } from './support.js';

const endpoint = inject('sandboxAwsEndpoint');
const client = sandboxAwsClientConfig({ awsEndpoint: endpoint });
// The provider takes its credentials from the default chain, as it would in production.
useSandboxAwsCredentials(client);
const ec2 = new EC2Client(client);
const autoscaling = new AutoScalingClient(client);
const registry = new Registry().registerMonkey(conformityMonkey).registerProvider(awsProvider);
const prefix = uniqueName('conformity-aws');
const names = [`${prefix}-a`, `${prefix}-b`];
// moto is shared by every file: the monkey may touch only what carries this file's own tag.
const OPT_IN = `conformity-test.simian.dev/${prefix}`;
const store = new Store(':memory:');

const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';
const config = (own: string): SimianConfig =>
  parseConfigText(
    `version: 1
safety:
  blastRadius: { maxActionsPerRun: 20 }
targets:
  aws:
    - region: us-east-1
      endpoint: ${endpoint}
monkeys:
  conformity:
    enabled: true
    schedule:
      windows: ${ALWAYS}
      minTimeBetweenActions: 0s
    enforce: { rules: [AWS-TAG-001] }
    gracePeriod: 2s
    safety: { optInLabel: ${JSON.stringify(OPT_IN)}, blastRadius: { minHealthy: 0, maxGroupShare: 1 } }
${own}`,
    '/tmp/simian-conformity-aws-test.yaml',
    registry,
    { env: {} },
  );

const run = (c: SimianConfig): Promise<RunResult> =>
  runMonkeys({ config: c, registry, store, logger: silentLogger(), mode: 'run', env: {} });

/** This file's actions: [verb, kind, status], sorted. */
const ours = (r: RunResult) =>
  r.monkeys[0]!.outcomes.filter((o) => o.action.group?.includes(prefix))
    .map((o) => [o.action.verb, o.action.resource.kind, o.status])
    .sort();

async function group(name: string): Promise<AutoScalingGroup | undefined> {
  const found = await autoscaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  return found.AutoScalingGroups?.[0];
}

async function liveInstances(name: string): Promise<string[]> {
  const found = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'tag:aws:autoscaling:groupName', Values: [name] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ],
    }),
  );
  return (found.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId!);
}

let groups: { remove(): Promise<void> } | undefined;
beforeAll(async () => {
  // No owner tag: AWS-TAG-001 finds the group (and its instances, which are not stack members:
  // the group is what is marked and torn down).
  groups = await createTestAutoScalingGroups(
    client,
    prefix,
    names.map((name) => ({ name, min: 1, desired: 2, max: 4, tags: { [OPT_IN]: 'true' } })),
  );
  for (const name of names) expect(await liveInstances(name)).toHaveLength(2);
});

afterAll(async () => {
  await groups?.remove();
  store.close();
});

describe('enforcement on Auto Scaling groups, live in moto', () => {
  it('dry-run (the default) marks nothing', async () => {
    const result = await run(config(''));
    expect(result.monkeys[0]!.error).toBeUndefined();
    expect(ours(result)).toEqual([
      ['mark', 'AutoScalingGroup', 'dry-run'],
      ['mark', 'AutoScalingGroup', 'dry-run'],
    ]);
    expect((await group(names[0]!))?.Tags?.map((t) => t.Key)).not.toContain(DELETE_AFTER_KEY);
  });

  it('marks the groups; after the grace period scales them to zero, and their instances go', async () => {
    const first = await run(config('    dryRun: false'));
    expect(ours(first)).toEqual([
      ['mark', 'AutoScalingGroup', 'succeeded'],
      ['mark', 'AutoScalingGroup', 'succeeded'],
    ]);
    const deadline = (await group(names[0]!))?.Tags?.find((t) => t.Key === DELETE_AFTER_KEY);
    expect(deadline?.Value).toBeDefined();
    await sleepUntil(new Date(deadline!.Value!));

    const second = await run(config('    dryRun: false'));
    expect(second.monkeys[0]!.error).toBeUndefined();
    expect(ours(second)).toEqual([
      ['scale', 'AutoScalingGroup', 'succeeded'],
      ['scale', 'AutoScalingGroup', 'succeeded'],
    ]);
    for (const name of names) {
      expect(await group(name)).toMatchObject({ MinSize: 0, DesiredCapacity: 0, MaxSize: 4 });
      expect(await liveInstances(name)).toEqual([]);
    }

    const third = await run(config('    dryRun: false'));
    expect(ours(third)).toEqual([]);
    expect(third.monkeys[0]!.gated.notes).toContainEqual(
      expect.stringMatching(
        new RegExp(`already down: AutoScalingGroup ${names[0]} \\(it runs 0 instances\\)`),
      ),
    );
  });

  it('with teardown: delete, deletes the groups', async () => {
    const result = await run(config('    dryRun: false\n    teardown: delete'));
    expect(ours(result)).toEqual([
      ['delete', 'AutoScalingGroup', 'succeeded'],
      ['delete', 'AutoScalingGroup', 'succeeded'],
    ]);
    for (const name of names) expect(await group(name)).toBeUndefined();
  });
});
