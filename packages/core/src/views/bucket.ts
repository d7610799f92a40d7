/** An object store bucket (an S3 bucket): whether anything is in it. */
export interface BucketView {
  name: string;
  region?: string;
  /** No object, no version and no delete marker. */
  empty: boolean;
  /** `Enabled` or `Suspended` once versioning was ever turned on. */
  versioning?: string;
}
