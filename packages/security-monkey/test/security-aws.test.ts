// The security monkey against the sandbox's moto: the seeded estate (an SSH-open security group,
// a public bucket, unencrypted volumes, IMDSv1 instances) and what this file adds (a public
// snapshot, a public AMI, an instance whose user data holds a key pair). Probes keep to loopback:
// moto hands out public addresses that belong to real AWS customers.
import {
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DeleteSnapshotCommand,
  DeleteVolumeCommand,
  DeregisterImageCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RegisterImageCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { sandboxAwsClientConfig } from '@simian/sandbox';
import { useSandboxAwsCredentials } from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findingsOf, named, runSecurity, securityConfig } from './support.js';

const endpoint = inject('sandboxAwsEndpoint');
const client = sandboxAwsClientConfig({ awsEndpoint: endpoint });
useSandboxAwsCredentials(client);
const ec2 = new EC2Client(client);
const made: { image?: string; volume?: string; snapshot?: string; instance?: string } = {};

const USER_DATA = `#!/bin/bash
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

beforeAll(async () => {
  const image = await ec2.send(
    new RegisterImageCommand({
      Name: `security-test-public-${Date.now()}`,
      Architecture: 'x86_64',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
    }),
  );
  made.image = image.ImageId!;
  await ec2.send(
    new ModifyImageAttributeCommand({
      ImageId: made.image,
      LaunchPermission: { Add: [{ Group: 'all' }] },
    }),
  );
  const volume = await ec2.send(
    new CreateVolumeCommand({ Size: 1, AvailabilityZone: 'us-east-1a' }),
  );
  made.volume = volume.VolumeId!;
  const snapshot = await ec2.send(
    new CreateSnapshotCommand({ VolumeId: made.volume, Description: 'security test' }),
  );
  made.snapshot = snapshot.SnapshotId!;
  await ec2.send(
    new ModifySnapshotAttributeCommand({
      SnapshotId: made.snapshot,
      Attribute: 'createVolumePermission',
      OperationType: 'add',
      GroupNames: ['all'],
    }),
  );
  const instance = await ec2.send(
    new RunInstancesCommand({
      ImageId: made.image,
      MinCount: 1,
      MaxCount: 1,
      InstanceType: 't3.nano',
      UserData: Buffer.from(USER_DATA).toString('base64'),
    }),
  );
  made.instance = instance.Instances![0]!.InstanceId!;
});

afterAll(async () => {
  if (made.instance)
    await ec2
      .send(new TerminateInstancesCommand({ InstanceIds: [made.instance] }))
      .catch(() => undefined);
  if (made.snapshot)
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: made.snapshot })).catch(() => undefined);
  if (made.volume)
    await ec2.send(new DeleteVolumeCommand({ VolumeId: made.volume })).catch(() => undefined);
  if (made.image)
    await ec2.send(new DeregisterImageCommand({ ImageId: made.image })).catch(() => undefined);
  ec2.destroy();
});

const config = () =>
  securityConfig(
    `  aws:\n    - region: us-east-1\n      endpoint: ${endpoint}`,
    'probes:\n  networks: [127.0.0.0/8]',
  );

describe('the security monkey on AWS (moto)', () => {
  it("flags the seed's SSH-open security group, public bucket and unencrypted storage", async () => {
    const result = await runSecurity(config());
    const found = named(findingsOf(result));
    const sshGroup = findingsOf(result).find((f) => f.ruleId === 'AWS-SG-001');
    expect(sshGroup?.message).toContain(
      '(ssh-from-anywhere) lets the internet (0.0.0.0/0) reach SSH (port 22)',
    );
    expect(sshGroup?.evidence).toMatchObject({ ports: [22] });
    expect(found).toEqual(
      expect.arrayContaining([
        'AWS-BUCKET-001 simian-sandbox-public-assets',
        'AWS-BUCKET-002 simian-sandbox-public-assets',
        'AWS-BUCKET-004 simian-sandbox-app-logs',
        'AWS-EBS-002 us-east-1',
        `AWS-EBS-001 ${made.volume}`,
      ]),
    );
    expect(result.monkeys[0]?.gated.allowed).toEqual([]);
  });

  it('flags IMDSv1, a public snapshot, a public AMI, and a key pair in user data, never printing it', async () => {
    const result = await runSecurity(config());
    const found = named(findingsOf(result));
    expect(found).toEqual(
      expect.arrayContaining([
        `AWS-IMDS-001 ${made.instance}`,
        `AWS-SHARE-001 ${made.snapshot}`,
        `AWS-SHARE-002 ${made.image}`,
        `AWS-USERDATA-001 ${made.instance}`,
      ]),
    );
    const text = JSON.stringify(findingsOf(result));
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('probes no instance address outside probes.networks, and says so', async () => {
    const result = await runSecurity(config());
    const notes = result.monkeys[0]?.gated.notes ?? [];
    expect(
      notes.some(
        (n) =>
          n.includes(`(Instance ${made.instance}) skipped: its addresses`) &&
          n.includes('outside probes.networks'),
      ),
    ).toBe(true);
    expect(findingsOf(result).filter((f) => f.ruleId.startsWith('SEC-'))).toEqual([]);
  });
});
