import { Inventory, type Resource } from '@simian/core';
import { awsEstate, resetMoto, seedSandbox } from '@simian/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ec2Arn, type BucketDetails } from '../src/index.js';
import { motoProvider } from './support.js';

// The inventory of the seeded moto estate, checked against the estate's own definition
// (`awsEstate` in @simian/sandbox). moto is reset and seeded afresh for this file.
const cwd = inject('sandboxCwd');
const endpoint = inject('sandboxAwsEndpoint');
const provider = motoProvider(endpoint);
const region = 'us-east-1';
const account = '123456789012'; // moto's account
const seedIdOf = (r: Resource) => r.labels['simian:seed'];
const ids = (items: Resource[]) =>
  items
    .map(seedIdOf)
    .filter((x) => x !== undefined)
    .sort();

beforeAll(async () => {
  await resetMoto({ cwd, awsEndpoint: endpoint });
  await seedSandbox({ cwd, kubernetes: false, aws: true });
}, 120_000);
afterAll(() => provider.close());

describe('aws inventory of the seeded estate', () => {
  it("instances: the seed's own plus what each Auto Scaling group keeps running", async () => {
    const instances = await provider.list('Instance', region);
    const inGroups = awsEstate.autoScalingGroups.reduce((n, g) => n + g.desired, 0);
    expect(instances).toHaveLength(awsEstate.instances.length + inGroups);
    for (const i of instances) {
      expect(i.ref).toBe(ec2Arn(region, account, 'instance', i.name));
      expect(i).toMatchObject({ provider: 'aws', kind: 'Instance', region, context: account });
      expect(Date.parse(i.createdAt!)).not.toBeNaN();
    }
    for (const g of awsEstate.autoScalingGroups) {
      const members = instances.filter((i) => i.controller?.name === g.name);
      expect(members).toHaveLength(g.desired);
      for (const m of members)
        expect(m.controller).toEqual({ kind: 'AutoScalingGroup', name: g.name });
      for (const m of members) expect(m.owner).toBe(g.tags.owner);
    }
    for (const seeded of awsEstate.instances) {
      const found = instances.find((i) => seedIdOf(i) === seeded.id);
      expect(found?.owner).toBe(seeded.tags.owner);
      expect((found?.raw as { State: { Name: string } }).State.Name).toBe(seeded.state);
    }
  });

  it("volumes: the seed's, plus one root volume per instance", async () => {
    const [volumes, instances] = await Promise.all([
      provider.list('Volume', region),
      provider.list('Instance', region),
    ]);
    expect(ids(volumes)).toEqual(awsEstate.volumes.map((v) => v.id).sort());
    const roots = volumes.filter((v) => seedIdOf(v) === undefined);
    expect(roots).toHaveLength(instances.length);
    const attachedTo = roots.map(
      (v) => (v.raw as { Attachments: Array<{ InstanceId: string }> }).Attachments[0]?.InstanceId,
    );
    expect(attachedTo.sort()).toEqual(instances.map((i) => i.name).sort());
  });

  it("snapshots we own: the seed's, plus those behind our image", async () => {
    const [snapshots, images] = await Promise.all([
      provider.list('Snapshot', region),
      provider.list('Image', region),
    ]);
    expect(ids(snapshots)).toEqual(awsEstate.snapshots.map((s) => s.id).sort());
    const behindImages = images.flatMap(
      (i) =>
        (
          i.raw as { BlockDeviceMappings?: Array<{ Ebs?: { SnapshotId?: string } }> }
        ).BlockDeviceMappings?.map((b) => b.Ebs?.SnapshotId) ?? [],
    );
    expect(
      snapshots
        .filter((s) => seedIdOf(s) === undefined)
        .map((s) => s.name)
        .sort(),
    ).toEqual(behindImages.filter(Boolean).sort());
    for (const s of snapshots) expect(s.ref).toBe(`arn:aws:ec2:${region}::snapshot/${s.name}`);
    // Who may create volumes from a snapshot costs a call per snapshot: fetched only when asked.
    expect(snapshots.some((s) => 'CreateVolumePermissions' in (s.raw as object))).toBe(false);
    const detailed = await provider.list('Snapshot', region, {
      details: ['createVolumePermission'],
    });
    expect(
      detailed.map(
        (s) => (s.raw as { CreateVolumePermissions?: unknown[] }).CreateVolumePermissions,
      ),
    ).toEqual(snapshots.map(() => []));
  });

  it('images, addresses, Auto Scaling groups', async () => {
    const images = await provider.list('Image', region);
    expect(images.map((i) => (i.raw as { Name: string }).Name)).toEqual([awsEstate.image.name]);
    const addresses = await provider.list('Address', region);
    expect(ids(addresses)).toEqual(awsEstate.addresses.map((a) => a.id).sort());
    const associated = addresses.filter((a) => (a.raw as { AssociationId?: string }).AssociationId);
    expect(associated).toHaveLength(awsEstate.addresses.filter((a) => a.instance).length);
    const groups = await provider.list('AutoScalingGroup', region);
    expect(groups.map((g) => g.name)).toEqual(awsEstate.autoScalingGroups.map((g) => g.name));
    expect(groups[0]?.ref).toMatch(
      /^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:.+:autoScalingGroupName\/storefront-web$/,
    );
    expect(groups[0]?.raw).toMatchObject({
      DesiredCapacity: awsEstate.autoScalingGroups[0]?.desired,
    });
  });

  it("security groups: the seed's with their rules, plus the default VPC's default group", async () => {
    const groups = await provider.list('SecurityGroup', region);
    expect(ids(groups)).toEqual(awsEstate.securityGroups.map((g) => g.id).sort());
    expect(
      groups
        .filter((g) => seedIdOf(g) === undefined)
        .map((g) => (g.raw as { GroupName: string }).GroupName),
    ).toEqual(['default']);
    const ssh = groups.find((g) => seedIdOf(g) === 'ssh-from-anywhere')!;
    expect(ssh.raw).toMatchObject({
      IpPermissions: [{ FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
  });

  it('buckets with ACL, policy, public access block, encryption, versioning and tags', async () => {
    const buckets = await provider.list('Bucket', region);
    expect(buckets.map((b) => b.name).sort()).toEqual(awsEstate.buckets.map((b) => b.name).sort());
    for (const seeded of awsEstate.buckets) {
      const b = buckets.find((x) => x.name === seeded.name)!;
      const raw = b.raw as BucketDetails;
      expect(b.ref).toBe(`arn:aws:s3:::${seeded.name}`);
      expect(b.owner).toBe(seeded.tags.owner);
      expect(raw.Region).toBe(region);
      const publicGrant = (raw.Acl.Grants as Array<{ Grantee?: { URI?: string } }>).some(
        (g) => g.Grantee?.URI === 'http://acs.amazonaws.com/groups/global/AllUsers',
      );
      expect(publicGrant, seeded.name).toBe(seeded.public);
      expect(raw.Policy !== null, seeded.name).toBe(seeded.public);
      // "Not configured" answers (moto and S3 send errors) become null, never a failed listing.
      expect(raw.Encryption !== null, seeded.name).toBe(seeded.encrypted);
      expect(raw.Versioning.Status === 'Enabled', seeded.name).toBe(seeded.versioned);
      expect(typeof raw.CreationDate).toBe('string');
    }
  });

  it('fills the instance and scaling group views from what moto returns', async () => {
    const [instances, groups] = await Promise.all([
      provider.list('Instance', region),
      provider.list('AutoScalingGroup', region),
    ]);
    for (const i of instances) {
      expect(i.views?.instance).toMatchObject({ id: i.name, launchTime: i.createdAt });
      expect(i.views?.instance?.autoScalingGroup).toBe(i.controller?.name);
    }
    for (const seeded of awsEstate.instances) {
      const found = instances.find((i) => seedIdOf(i) === seeded.id)!;
      expect(found.views?.instance?.state, seeded.id).toBe(seeded.state);
    }
    for (const g of awsEstate.autoScalingGroups) {
      const group = groups.find((x) => x.name === g.name)!;
      const view = group.views?.scalingGroup;
      expect(view).toMatchObject({ name: g.name, min: g.min, max: g.max, desired: g.desired });
      const members = instances.filter((i) => i.controller?.name === g.name).map((i) => i.name);
      expect(view?.members.map((m) => m.id).sort()).toEqual(members.sort());
      for (const m of view?.members ?? []) {
        expect(m).toMatchObject({ lifecycle: 'InService', inService: true, healthy: true });
      }
    }
  });

  it('builds the refs a listing gives from a kind and a name', async () => {
    const [instance] = await provider.list('Instance', region);
    expect(provider.ref({ scope: region, kind: 'Instance', name: instance!.name })).toBe(
      instance!.ref,
    );
    const [group] = await provider.list('AutoScalingGroup', region);
    const built = provider.ref({ scope: region, kind: 'AutoScalingGroup', name: group!.name });
    expect((await provider.read(built))?.ref).toBe(group!.ref);
    expect(() => provider.ref({ scope: 'eu-west-9', kind: 'Instance', name: 'i-1' })).toThrow(
      'no AWS scope "eu-west-9" is configured',
    );
  });

  it('reads one resource fresh, and says undefined for one that is gone', async () => {
    const [volume] = await provider.list('Volume', region);
    expect((await provider.read(volume!.ref))?.name).toBe(volume!.name);
    expect(
      await provider.read(ec2Arn(region, account, 'volume', 'vol-00000000000000000')),
    ).toBeUndefined();
    expect((await provider.read('arn:aws:s3:::simian-sandbox-app-logs'))?.kind).toBe('Bucket');
    expect(await provider.read('arn:aws:s3:::no-such-bucket-here')).toBeUndefined();
  });

  it('pages through EC2 listings with the configured page size', async () => {
    const small = motoProvider(endpoint, { pageSize: 5 });
    try {
      const before = small.stats().requests;
      const instances = await small.list('Instance', region);
      expect(small.stats().requests - before).toBeGreaterThan(1);
      expect(instances).toHaveLength((await provider.list('Instance', region)).length);
    } finally {
      await small.close();
    }
  });

  it('ping names the account and the identity', async () => {
    expect(await provider.ping(region)).toMatchObject({
      ok: true,
      identity: expect.stringContaining(account),
    });
  });
});

describe('a listing that fails', () => {
  it('marks the inventory incomplete, naming the call and the scope', async () => {
    // A port nothing listens on: a real refused connection, not a mock.
    const down = motoProvider('http://127.0.0.1:9', { maxAttempts: 1, accountId: account });
    try {
      const inventory = new Inventory([down]);
      const listing = await inventory.list('aws', 'Volume', region);
      expect(listing.complete).toBe(false);
      expect(listing.error).toContain('aws (us-east-1): DescribeVolumes on volumes failed');
      expect(listing.error).toContain('hint:');
      expect((await down.ping(region)).ok).toBe(false);
    } finally {
      await down.close();
    }
  });
});

describe('checkPermissions', () => {
  it('says unknown, with the reason, where IAM simulation is not available (moto)', async () => {
    const [check] = await provider.checkPermissions(region, [
      { kind: 'iam', actions: ['ec2:DescribeInstances'] },
    ]);
    expect(check?.allowed).toBe('unknown');
    expect(check?.detail).toContain('iam:SimulatePrincipalPolicy');
  });
});
