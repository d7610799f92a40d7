import { DescribeImagesCommand, paginateDescribeImages, type Image } from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { tagsToRecord } from '../plain.js';
import { imageViews } from '../views/image.js';
import { defineDescribedKind } from './described-kind.js';
import { abortOption, awsResource, placeOf, clampPageSize } from './kind.js';

/** AMIs this account owns (`Owners: ["self"]`). */
export const imageKind = defineDescribedKind<Image>({
  kind: 'Image',
  call: 'DescribeImages',
  plural: 'images',
  singular: 'image',
  listActions: ['ec2:DescribeImages'],
  async *pages(scope, signal) {
    const pageSize = clampPageSize(scope.settings.pageSize, 5, 1000);
    const pages = paginateDescribeImages(
      { client: scope.ec2, pageSize, ...abortOption(signal) },
      { Owners: ['self'] },
    );
    for await (const page of pages) yield page.Images ?? [];
  },
  async readOne(scope, id, signal) {
    const answer = await scope.ec2.send(
      new DescribeImagesCommand({ ImageIds: [id] }),
      abortOption(signal),
    );
    const image = answer.Images?.[0];
    // A deregistered AMI lingers in Describe for a while; it is gone all the same.
    return image && image.State !== 'deregistered' ? image : undefined;
  },
  toResource: (scope, account, image) =>
    awsResource(placeOf(scope, account), {
      kind: 'Image',
      id: image.ImageId!,
      arn: ec2Arn(scope.region, account, 'image', image.ImageId!),
      tags: tagsToRecord(image.Tags),
      createdAt: image.CreationDate,
      views: imageViews(image),
      raw: image,
    }),
});
