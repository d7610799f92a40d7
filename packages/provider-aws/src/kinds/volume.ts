import { DescribeVolumesCommand, paginateDescribeVolumes, type Volume } from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { tagsToRecord } from '../plain.js';
import { volumeViews } from '../views/volume.js';
import { defineDescribedKind } from './described-kind.js';
import { abortOption, awsResource, placeOf, clampPageSize } from './kind.js';

/** EBS volumes (attached or not: `raw.State` and `raw.Attachments` tell). */
export const volumeKind = defineDescribedKind<Volume>({
  kind: 'Volume',
  call: 'DescribeVolumes',
  plural: 'volumes',
  singular: 'volume',
  listActions: ['ec2:DescribeVolumes'],
  async *pages(scope, signal) {
    const pageSize = clampPageSize(scope.settings.pageSize, 5, 500);
    const pages = paginateDescribeVolumes(
      { client: scope.ec2, pageSize, ...abortOption(signal) },
      {},
    );
    for await (const page of pages) yield page.Volumes ?? [];
  },
  async readOne(scope, id, signal) {
    const answer = await scope.ec2.send(
      new DescribeVolumesCommand({ VolumeIds: [id] }),
      abortOption(signal),
    );
    return answer.Volumes?.[0];
  },
  toResource: (scope, account, volume) =>
    awsResource(placeOf(scope, account), {
      kind: 'Volume',
      id: volume.VolumeId!,
      arn: ec2Arn(scope.region, account, 'volume', volume.VolumeId!),
      tags: tagsToRecord(volume.Tags),
      createdAt: volume.CreateTime,
      views: volumeViews(volume),
      raw: volume,
    }),
});
