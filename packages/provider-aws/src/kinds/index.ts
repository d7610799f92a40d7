import type { KindDescriptor } from '@simian/core';
import { addressKind } from './address.js';
import { autoScalingGroupKind } from './auto-scaling-group.js';
import { bucketKind } from './bucket.js';
import { ebsEncryptionByDefaultKind } from './ebs-encryption-by-default.js';
import { imageKind } from './image.js';
import { instanceKind } from './instance.js';
import { instanceUserDataKind } from './instance-user-data.js';
import type { AwsKind } from './kind.js';
import { launchTemplateKind } from './launch-template.js';
import { networkInterfaceKind } from './network-interface.js';
import { securityGroupKind } from './security-group.js';
import { snapshotKind } from './snapshot.js';
import { volumeKind } from './volume.js';

/** Every AWS kind Simian lists: the one registry. */
export const awsKinds: readonly AwsKind[] = [
  instanceKind,
  volumeKind,
  snapshotKind,
  imageKind,
  addressKind,
  securityGroupKind,
  autoScalingGroupKind,
  bucketKind,
  instanceUserDataKind,
  ebsEncryptionByDefaultKind,
  networkInterfaceKind,
  launchTemplateKind,
];

const byName = new Map(awsKinds.map((k) => [k.kind, k]));

/** A kind by name, or undefined. */
export const awsKind = (kind: string): AwsKind | undefined => byName.get(kind);

/** What listing a kind needs, for `ProviderFactory.kinds`. */
export const awsKindDescriptor = (kind: AwsKind): KindDescriptor => ({
  kind: kind.kind,
  permissions: [{ kind: 'iam', actions: kind.listActions }],
});
