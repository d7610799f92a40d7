import { DescribeImagesCommand, paginateDescribeImages, type Image } from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, clampPageSize, defineAwsKind } from './kind.js';

const toResource = (scope: AwsScope, account: string, image: Image) =>
  awsResource(scope, account, {
    kind: 'Image',
    id: image.ImageId!,
    arn: ec2Arn(scope.region, account, 'image', image.ImageId!),
    tags: tagsToRecord(image.Tags),
    createdAt: image.CreationDate,
    raw: image,
  });

const listActions = ['ec2:DescribeImages'];

/** AMIs this account owns (`Owners: ["self"]`). */
export const imageKind = defineAwsKind({
  kind: 'Image',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    const out = [];
    try {
      const pages = paginateDescribeImages(
        {
          client: scope.ec2,
          pageSize: clampPageSize(scope.settings.pageSize, 5, 1000),
          ...abortOption(signal),
        },
        { Owners: ['self'] },
      );
      for await (const page of pages)
        for (const i of page.Images ?? []) out.push(toResource(scope, account, i));
    } catch (error) {
      throw explainAwsError(
        error,
        { scope, call: 'DescribeImages', what: 'images', iamActions: listActions },
        'target',
      );
    }
    return out;
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(
        new DescribeImagesCommand({ ImageIds: [id] }),
        abortOption(signal),
      );
      const image = answer.Images?.[0];
      return image && image.State !== 'deregistered'
        ? toResource(scope, account, image)
        : undefined;
    } catch (error) {
      if (isAwsNotFound(error)) return undefined;
      throw explainAwsError(
        error,
        { scope, call: 'DescribeImages', what: `image ${id}`, iamActions: listActions },
        'target',
      );
    }
  },
});
