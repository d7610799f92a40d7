/**
 * The AWS half of the seed estate, as data: what `seedSandbox` creates in moto. Each resource has
 * a stable seed id, written to its `simian:seed` tag (or its name, for buckets and the launch
 * template), so seeding again finds it instead of creating a second one.
 *
 * moto stamps every resource with the time it was created, so age is given by a
 * `simian:created-at` tag (now minus `ageDays`, set once, at creation).
 */

/** Tags as a plain map. */
export type Tags = Record<string, string>;

/** One EC2 instance outside any Auto Scaling group. */
export interface SeedInstance {
  id: string;
  instanceType: string;
  state: 'running' | 'stopped';
  /** Seed ids of security groups. */
  securityGroups: string[];
  tags: Tags;
}

/** An Auto Scaling group and its launch template. */
export interface SeedAutoScalingGroup {
  name: string;
  instanceType: string;
  min: number;
  max: number;
  desired: number;
  availabilityZones: string[];
  /** Propagated to the instances the group launches. */
  tags: Tags;
}

/** An EBS volume, created unattached. */
export interface SeedVolume {
  id: string;
  sizeGiB: number;
  ageDays: number;
  tags: Tags;
}

/** A snapshot of one of the seeded volumes. */
export interface SeedSnapshot {
  id: string;
  /** Seed id of the volume it is taken from. */
  volume: string;
  ageDays: number;
  description: string;
  tags: Tags;
}

/** An Elastic IP. */
export interface SeedAddress {
  id: string;
  /** Seed id of the instance it is associated with; unassociated when absent. */
  instance?: string;
  tags: Tags;
}

/** A security group in the default VPC, with its ingress rules. */
export interface SeedSecurityGroup {
  id: string;
  name: string;
  description: string;
  ingress: { protocol: 'tcp'; port: number; cidr: string; description: string }[];
  tags: Tags;
}

/** An S3 bucket, its settings and its objects. */
export interface SeedBucket {
  name: string;
  /** `public-read` makes it public through its ACL (a public policy is added as well). */
  public: boolean;
  /** Default encryption (SSE-S3); off means no encryption configuration at all. */
  encrypted: boolean;
  versioned: boolean;
  /** Key to body. A versioned bucket gets each object written twice, so it holds old versions. */
  objects: Record<string, string>;
  tags: Tags;
}

/** The whole AWS estate. */
export interface AwsEstate {
  image: { name: string; description: string };
  autoScalingGroups: SeedAutoScalingGroup[];
  securityGroups: SeedSecurityGroup[];
  instances: SeedInstance[];
  volumes: SeedVolume[];
  snapshots: SeedSnapshot[];
  addresses: SeedAddress[];
  buckets: SeedBucket[];
}

/** The estate that `simian sandbox seed` creates in moto (region us-east-1). */
export const awsEstate: AwsEstate = {
  image: { name: 'simian-sandbox-base', description: 'Base image for the sandbox instances' },
  autoScalingGroups: [
    {
      name: 'storefront-web',
      instanceType: 't3.small',
      min: 2,
      max: 6,
      desired: 3,
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      tags: { owner: 'storefront-team', team: 'storefront', 'chaos.simian.dev/enabled': 'true' },
    },
  ],
  securityGroups: [
    {
      // What the security monkey must flag: SSH open to the internet.
      id: 'ssh-from-anywhere',
      name: 'ssh-from-anywhere',
      description: 'Bastion SSH (temporarily open to everyone)',
      ingress: [{ protocol: 'tcp', port: 22, cidr: '0.0.0.0/0', description: 'ssh from anywhere' }],
      tags: { owner: 'platform-team' },
    },
    {
      // Attached to nothing: a janitor candidate.
      id: 'legacy-elb',
      name: 'legacy-elb',
      description: 'Classic load balancer, decommissioned in 2024',
      ingress: [
        { protocol: 'tcp', port: 443, cidr: '10.0.0.0/8', description: 'https from the VPC' },
      ],
      tags: {},
    },
  ],
  instances: [
    {
      id: 'bastion',
      instanceType: 't3.nano',
      state: 'running',
      securityGroups: ['ssh-from-anywhere'],
      tags: { Name: 'bastion', owner: 'platform-team', team: 'platform' },
    },
    {
      // Stopped and owned by nobody: a janitor candidate.
      id: 'batch-worker-2023',
      instanceType: 'm5.large',
      state: 'stopped',
      securityGroups: [],
      tags: { Name: 'batch-worker-2023' },
    },
  ],
  volumes: [
    {
      id: 'scratch-recent',
      sizeGiB: 8,
      ageDays: 2,
      tags: { Name: 'scratch', owner: 'analytics-team' },
    },
    { id: 'build-cache-old', sizeGiB: 50, ageDays: 45, tags: { Name: 'ci-build-cache' } },
    {
      id: 'pre-migration-data',
      sizeGiB: 200,
      ageDays: 400,
      tags: { Name: 'ledger-pre-migration' },
    },
  ],
  snapshots: [
    {
      id: 'pre-migration-backup',
      volume: 'pre-migration-data',
      ageDays: 380,
      description: 'ledger before the 2025 migration',
      tags: { owner: 'ledger-team' },
    },
    {
      id: 'build-cache-weekly',
      volume: 'build-cache-old',
      ageDays: 30,
      description: 'weekly CI cache snapshot',
      tags: {},
    },
  ],
  addresses: [
    { id: 'bastion-ip', instance: 'bastion', tags: { owner: 'platform-team' } },
    { id: 'spare-ip-1', tags: { Name: 'reserved for the old VPN' } },
    { id: 'spare-ip-2', tags: {} },
  ],
  buckets: [
    {
      name: 'simian-sandbox-public-assets',
      public: true,
      encrypted: true,
      versioned: false,
      objects: { 'index.html': '<h1>storefront</h1>', 'logo.svg': '<svg/>' },
      tags: { owner: 'storefront-team' },
    },
    {
      name: 'simian-sandbox-app-logs',
      public: false,
      encrypted: false,
      versioned: false,
      objects: { 'web/2026-11-01.log': 'GET / 200\n', 'web/2026-11-02.log': 'GET /cart 500\n' },
      tags: {},
    },
    {
      name: 'simian-sandbox-empty-scratch',
      public: false,
      encrypted: true,
      versioned: false,
      objects: {},
      tags: {},
    },
    {
      name: 'simian-sandbox-ledger-backups',
      public: false,
      encrypted: true,
      versioned: true,
      objects: { 'ledger/2026-11-01.dump': 'ledger dump' },
      tags: { owner: 'ledger-team' },
    },
  ],
};
