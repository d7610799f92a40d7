import type { ResourceViews } from '@simian/core';
import type { BucketDetails } from '../kinds/bucket-details.js';

/** The bucket view of an S3 bucket, from the details its listing reads. */
export function bucketViews(d: BucketDetails): ResourceViews {
  return {
    bucket: {
      name: d.Name,
      region: d.Region,
      empty: d.Empty,
      ...(d.Versioning.Status ? { versioning: d.Versioning.Status } : {}),
    },
  };
}
