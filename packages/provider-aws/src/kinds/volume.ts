import { DescribeVolumesCommand, paginateDescribeVolumes, type Volume } from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, clampPageSize, defineAwsKind } from './kind.js';

const toResource = (scope: AwsScope, account: string, volume: Volume) =>
  awsResource(scope, account, {
    kind: 'Volume',
    id: volume.VolumeId!,
    arn: ec2Arn(scope.region, account, 'volume', volume.VolumeId!),
    tags: tagsToRecord(volume.Tags),
    createdAt: volume.CreateTime,
    raw: volume,
  });

const listActions = ['ec2:DescribeVolumes'];

/** EBS volumes (attached or not: `raw.State` and `raw.Attachments` tell). */
export const volumeKind = defineAwsKind({
  kind: 'Volume',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    const out = [];
    try {
      const pages = paginateDescribeVolumes(
        {
          client: scope.ec2,
          pageSize: clampPageSize(scope.settings.pageSize, 5, 500),
          ...abortOption(signal),
        },
        {},
      );
      for await (const page of pages)
        for (const v of page.Volumes ?? []) out.push(toResource(scope, account, v));
    } catch (error) {
      throw explainAwsError(
        error,
        { scope, call: 'DescribeVolumes', what: 'volumes', iamActions: listActions },
        'target',
      );
    }
    return out;
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(
        new DescribeVolumesCommand({ VolumeIds: [id] }),
        abortOption(signal),
      );
      const volume = answer.Volumes?.[0];
      return volume ? toResource(scope, account, volume) : undefined;
    } catch (error) {
      if (isAwsNotFound(error)) return undefined;
      throw explainAwsError(
        error,
        { scope, call: 'DescribeVolumes', what: `volume ${id}`, iamActions: listActions },
        'target',
      );
    }
  },
});
