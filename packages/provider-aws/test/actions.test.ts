import { DescribeAutoScalingGroupsCommand, AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import {
  CreateBucketCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  DeleteObjectCommand,
  S3Client,
  HeadBucketCommand,
} from '@aws-sdk/client-s3';
import { ActionFailedError, type Resource } from '@simian/core';
import { awsEstate, resetMoto, sandboxAwsClientConfig, seedSandbox } from '@simian/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mapBounded } from '@simian/core';
import { actionOn, logger, motoProvider } from './support.js';

// Actions against moto, on an estate seeded afresh for this file.
const cwd = inject('sandboxCwd');
const endpoint = inject('sandboxAwsEndpoint');
const provider = motoProvider(endpoint);
const region = 'us-east-1';
const clients = sandboxAwsClientConfig({ awsEndpoint: endpoint });
const s3 = new S3Client(clients);
const autoscaling = new AutoScalingClient(clients);
const run = (r: Resource, verb: string, dryRun: boolean, params?: Record<string, unknown>) =>
  provider.execute(actionOn(r, verb, params), { dryRun, logger });
const find = async (kind: string, seedId: string) =>
  (await provider.list(kind, region)).find((r) => r.labels['simian:seed'] === seedId)!;
const stateOf = async (r: Resource) =>
  ((await provider.read(r.ref))?.raw as { State?: { Name: string } } | undefined)?.State?.Name;

beforeAll(async () => {
  await resetMoto({ cwd, awsEndpoint: endpoint });
  await seedSandbox({ cwd, kubernetes: false, aws: true });
}, 120_000);
afterAll(async () => {
  // Leave the estate as seeded for the files that come after.
  await resetMoto({ cwd, awsEndpoint: endpoint });
  await seedSandbox({ cwd, kubernetes: false, aws: true });
  s3.destroy();
  autoscaling.destroy();
  await provider.close();
});

describe('terminate, ASG-aware', () => {
  const group = awsEstate.autoScalingGroups[0]!;

  it('dry-run checks the membership and changes nothing', async () => {
    const member = (await provider.list('Instance', region)).find(
      (i) => i.controller?.name === group.name,
    )!;
    expect(await run(member, 'terminate', true)).toMatchObject({
      dryRun: true,
      via: 'TerminateInstanceInAutoScalingGroup',
      autoScalingGroup: group.name,
    });
    expect(await stateOf(member)).toBe('running');
  });

  it('terminates a group member through its group, which replaces it', async () => {
    const member = (await provider.list('Instance', region)).find(
      (i) => i.controller?.name === group.name,
    )!;
    const out = await run(member, 'terminate', false);
    expect(out).toMatchObject({ terminated: true, autoScalingGroup: group.name });
    // moto 5.2.5 implements TerminateInstanceInAutoScalingGroup (the field notes expected it not to).
    expect(out.via).toBe('TerminateInstanceInAutoScalingGroup');
    expect(await provider.read(member.ref)).toBeUndefined();
    const [after] = (
      await autoscaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group.name] }),
      )
    ).AutoScalingGroups!;
    expect(after?.DesiredCapacity).toBe(group.desired);
    const members = (await provider.list('Instance', region)).filter(
      (i) => i.controller?.name === group.name,
    );
    expect(members).toHaveLength(group.desired);
    expect(members.map((m) => m.name)).not.toContain(member.name);
  });

  it('terminates a standalone instance directly; EC2 DryRun first', async () => {
    const bastion = await find('Instance', 'bastion');
    expect(await run(bastion, 'terminate', true)).toEqual({
      dryRun: true,
      via: 'TerminateInstances',
    });
    expect(await stateOf(bastion)).toBe('running');
    expect(await run(bastion, 'stop', true)).toEqual({ dryRun: true });
    expect(await run(bastion, 'reboot', true)).toEqual({ dryRun: true });
    expect(await run(bastion, 'reboot', false)).toEqual({ rebooted: true });
    expect(await run(bastion, 'stop', false)).toEqual({ stopped: true });
    expect(await stateOf(bastion)).toBe('stopped');
    expect(await run(bastion, 'terminate', false)).toEqual({ via: 'TerminateInstances' });
    expect(await provider.read(bastion.ref)).toBeUndefined();
  });
});

describe('delete, deregister, release', () => {
  it('EC2 dry-runs change nothing; the real calls remove', async () => {
    const volume = await find('Volume', 'build-cache-old');
    const address = await find('Address', 'spare-ip-2');
    const image = (await provider.list('Image', region))[0]!;
    const group = await find('SecurityGroup', 'legacy-elb');
    const snapshot = await find('Snapshot', 'build-cache-weekly');
    const cases: Array<[Resource, string, string]> = [
      [volume, 'delete', 'deleted'],
      [address, 'release', 'released'],
      [image, 'deregister', 'deregistered'],
      [group, 'delete', 'deleted'],
      [snapshot, 'delete', 'deleted'],
    ];
    for (const [r, verb] of cases) {
      expect(await run(r, verb, true), `${verb} ${r.kind}`).toEqual({ dryRun: true });
      expect(await provider.read(r.ref), `${r.kind} after a dry run`).toBeDefined();
    }
    for (const [r, verb, done] of cases) {
      expect(await run(r, verb, false), `${verb} ${r.kind}`).toEqual({ [done]: true });
      expect(await provider.read(r.ref), `${r.kind} after ${verb}`).toBeUndefined();
    }
  });

  it('an error names the resource, the call and what to do', async () => {
    const root = (await provider.list('Volume', region)).find(
      (v) => (v.raw as { State: string }).State === 'in-use',
    )!;
    const error = await run(root, 'delete', false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailedError);
    expect((error as Error).message).toContain(
      `aws (us-east-1): DeleteVolume on ${root.ref} failed: VolumeInUse`,
    );
    expect((error as ActionFailedError).hint).toContain('detach it');
  });

  it('a verb that does not fit the kind is refused with the verbs that do', async () => {
    const volume = (await provider.list('Volume', region))[0]!;
    await expect(run(volume, 'terminate', true)).rejects.toThrow(/cannot "terminate" a Volume/);
  });
});

describe('mark and unmark (tags)', () => {
  it('EC2: CreateTags / DeleteTags, with DryRun; marks read back as Resource.marks', async () => {
    const volume = await find('Volume', 'scratch-recent');
    const marks = { 'janitor.simian.dev/marked-at': 'now' };
    expect(await run(volume, 'mark', true, { marks })).toMatchObject({ dryRun: true });
    expect((await provider.read(volume.ref))?.labels).not.toHaveProperty(
      'janitor.simian.dev/marked-at',
    );
    await run(volume, 'mark', false, { marks });
    expect((await provider.read(volume.ref))?.labels).toMatchObject({
      'janitor.simian.dev/marked-at': 'now',
      owner: 'analytics-team',
    });
    expect((await provider.read(volume.ref))?.marks).toMatchObject(marks);
    await run(volume, 'unmark', false, { keys: ['janitor.simian.dev/marked-at'] });
    expect((await provider.read(volume.ref))?.labels).not.toHaveProperty(
      'janitor.simian.dev/marked-at',
    );
    expect((await provider.read(volume.ref))?.marks).not.toHaveProperty(
      'janitor.simian.dev/marked-at',
    );
  });

  it('take only the one param shape, { marks } and { keys }, within the tag limits', async () => {
    const volume = await find('Volume', 'scratch-recent');
    await expect(run(volume, 'mark', true, { tags: { stale: 'yes' } })).rejects.toThrow(/tags/);
    await expect(run(volume, 'mark', true, { marks: { stale: 'x'.repeat(257) } })).rejects.toThrow(
      /at most 128 characters, values 256/,
    );
    await expect(run(volume, 'unmark', true, { keys: ['stale'], from: 'labels' })).rejects.toThrow(
      /from/,
    );
  });

  it('S3 and Auto Scaling have no dry-run: read-only checks, nothing written', async () => {
    const bucket = (await provider.list('Bucket', region)).find(
      (b) => b.name === 'simian-sandbox-app-logs',
    )!;
    expect(await run(bucket, 'mark', true, { marks: { stale: 'yes' } })).toMatchObject({
      dryRun: true,
      tags: { stale: 'yes' },
    });
    expect((await provider.read(bucket.ref))?.labels).not.toHaveProperty('stale');
    await run(bucket, 'mark', false, { marks: { stale: 'yes' } });
    expect((await provider.read(bucket.ref))?.labels).toMatchObject({
      stale: 'yes',
      'simian:seed': 'simian-sandbox-app-logs',
    });
    await run(bucket, 'unmark', false, { keys: ['stale'] });
    expect((await provider.read(bucket.ref))?.labels).not.toHaveProperty('stale');

    const group = (await provider.list('AutoScalingGroup', region))[0]!;
    expect(await run(group, 'mark', true, { marks: { marked: 'yes' } })).toMatchObject({
      dryRun: true,
    });
    expect((await provider.read(group.ref))?.labels).not.toHaveProperty('marked');
    await run(group, 'mark', false, { marks: { marked: 'yes' } });
    expect((await provider.read(group.ref))?.labels).toMatchObject({ marked: 'yes' });
    await run(group, 'unmark', false, { keys: ['marked'] });
    expect((await provider.read(group.ref))?.labels).not.toHaveProperty('marked');
  });
});

describe('delete a versioned bucket with more than 1000 objects', () => {
  const bucketName = `simian-test-versioned-${Date.now()}`;
  const keys = Array.from({ length: 1100 }, (_, i) => `data/${String(i).padStart(5, '0')}.txt`);

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucketName,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    await mapBounded(keys, 16, (Key) =>
      s3.send(new PutObjectCommand({ Bucket: bucketName, Key, Body: 'v1' })),
    );
    // Old versions and delete markers too: 50 keys written twice, 30 deleted (a marker each).
    await mapBounded(keys.slice(0, 50), 16, (Key) =>
      s3.send(new PutObjectCommand({ Bucket: bucketName, Key, Body: 'v2' })),
    );
    await mapBounded(keys.slice(50, 80), 16, (Key) =>
      s3.send(new DeleteObjectCommand({ Bucket: bucketName, Key })),
    );
  }, 300_000);

  it('dry-run counts every version and marker and deletes nothing', async () => {
    const bucket = (await provider.list('Bucket', region)).find((b) => b.name === bucketName)!;
    expect(bucket.raw).toMatchObject({ Versioning: { Status: 'Enabled' } });
    expect(await run(bucket, 'delete', true)).toMatchObject({
      dryRun: true,
      objectVersions: 1150,
      deleteMarkers: 30,
    });
    await expect(s3.send(new HeadBucketCommand({ Bucket: bucketName }))).resolves.toBeDefined();
  });

  it('empties it in batches of at most 1000, then deletes it', async () => {
    const bucket = (await provider.list('Bucket', region)).find((b) => b.name === bucketName)!;
    const out = await run(bucket, 'delete', false);
    expect(out).toMatchObject({ deleted: true, objectVersions: 1150, deleteMarkers: 30 });
    expect(out.batches).toBe(Math.ceil((1150 + 30) / 1000));
    expect(await provider.read(bucket.ref)).toBeUndefined();
  });
});

describe('Auto Scaling group: scale and delete', () => {
  const seeded = awsEstate.autoScalingGroups[0]!;
  const group = async () =>
    (await provider.list('AutoScalingGroup', region)).find((g) => g.name === seeded.name)!;
  const capacity = async () => {
    const raw = (await group()).raw as {
      MinSize: number;
      DesiredCapacity: number;
      MaxSize: number;
    };
    return { min: raw.MinSize, desired: raw.DesiredCapacity, max: raw.MaxSize };
  };
  const members = async () =>
    (await provider.list('Instance', region)).filter((i) => i.controller?.name === seeded.name);

  it('scale: dry-run reads the group and changes nothing; then to zero, the minimum lowered', async () => {
    const before = { min: seeded.min, desired: seeded.desired, max: seeded.max };
    expect(await run(await group(), 'scale', true, { desiredCapacity: 0 })).toMatchObject({
      dryRun: true,
      from: before,
      to: { min: 0, desired: 0, max: seeded.max },
    });
    expect(await capacity()).toEqual(before);
    expect(await members()).toHaveLength(seeded.desired);

    expect(await run(await group(), 'scale', false, { desiredCapacity: 0 })).toEqual({
      scaled: true,
      from: before,
      to: { min: 0, desired: 0, max: seeded.max },
    });
    expect(await capacity()).toEqual({ min: 0, desired: 0, max: seeded.max });
    expect(await members()).toEqual([]);
  });

  it('scale refuses a negative capacity, naming the parameter', async () => {
    await expect(run(await group(), 'scale', true, { desiredCapacity: -1 })).rejects.toThrow(
      /params\.desiredCapacity/,
    );
  });

  it('delete: dry-run reads the group; the real call removes it and its instances', async () => {
    const target = await group();
    await run(target, 'scale', false, { desiredCapacity: 2 });
    const instances = (await members()).map((m) => m.name).sort();
    expect(instances).toHaveLength(2);
    const preview = await run(target, 'delete', true);
    expect(preview).toMatchObject({ dryRun: true });
    expect((preview.instances as string[]).sort()).toEqual(instances);
    expect(await provider.read(target.ref)).toBeDefined();

    const out = await run(target, 'delete', false);
    expect(out).toMatchObject({ deleted: true });
    expect(await provider.read(target.ref)).toBeUndefined();
    // ForceDelete: the group's instances go with it.
    expect(await members()).toEqual([]);
    await expect(run(target, 'delete', false)).rejects.toThrow(
      new RegExp(`Auto Scaling group ${seeded.name} does not exist`),
    );
  });
});
