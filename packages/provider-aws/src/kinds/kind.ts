import type { ListOptions, Resource, ResourceViews } from '@simian/core';
import { toPlain } from '../plain.js';
import type { AwsScope } from '../scope.js';

/**
 * One AWS kind, whole in one file: how it is listed (paginated), read fresh by id, addressed
 * (its ARN) and what IAM actions that needs. Verbs live in `verbs/` and name the kinds they serve.
 */
export interface AwsKind {
  /** The inventory kind: `Instance`, `Bucket`, ... */
  kind: string;
  /** The IAM service prefix of its API. */
  service: 'ec2' | 'autoscaling' | 's3';
  /** IAM actions that listing (and reading) it needs. */
  listActions: string[];
  /**
   * False for a kind that is an account or region setting rather than a resource: it has no tags,
   * so it cannot be marked. @default true
   */
  taggable?: boolean;
  /** Every item in the scope. Throws a `SimianError` on failure: never a partial list. */
  list(scope: AwsScope, options: ListOptions): Promise<Resource[]>;
  /** One item by its id, fresh; undefined when it is gone. */
  read(scope: AwsScope, id: string, signal?: AbortSignal): Promise<Resource | undefined>;
}

/** Declares a kind. */
export const defineAwsKind = (kind: AwsKind): AwsKind => kind;

/** The fields of a `Resource` that differ between AWS kinds. */
export interface AwsResourceParts {
  kind: string;
  /** The id the API takes, used as the resource's name. */
  id: string;
  arn: string;
  tags: Record<string, string>;
  createdAt?: Date | string | undefined;
  controller?: { kind: string; name: string };
  /** The kind's typed views of the item (see `views/`). */
  views?: ResourceViews;
  /** It is being deleted (see `Resource.deleting`). */
  deleting?: boolean;
  raw: unknown;
}

/** Where an item was listed: what its `Resource` takes from the scope. */
export interface AwsPlace {
  region: string;
  account: string;
  /** The tag that names an item's owner. @default "owner" */
  ownerLabel?: string;
}

/** The place of items listed in `scope`, whose account is `account`. */
export const placeOf = (scope: AwsScope, account: string): AwsPlace => ({
  region: scope.region,
  account,
  ownerLabel: scope.settings.ownerLabel,
});

/** A `Resource` for an AWS item: ref = ARN, labels and marks = tags, owner from the owner tag, raw as plain JSON. */
export function awsResource(place: AwsPlace, parts: AwsResourceParts): Resource {
  const owner = parts.tags[place.ownerLabel ?? 'owner'];
  const createdAt =
    parts.createdAt instanceof Date ? parts.createdAt.toISOString() : parts.createdAt;
  return {
    ref: parts.arn,
    provider: 'aws',
    kind: parts.kind,
    name: parts.id,
    context: place.account,
    region: place.region,
    labels: parts.tags,
    marks: parts.tags,
    ...(owner ? { owner } : {}),
    ...(parts.controller ? { controller: parts.controller } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(parts.views ? { views: parts.views } : {}),
    ...(parts.deleting ? { deleting: true } : {}),
    raw: toPlain(parts.raw),
  };
}

/** `value` clamped into what an API accepts as a page size. */
export const clampPageSize = (value: number, min: number, max: number): number =>
  Math.max(min, Math.min(max, value));

/** The SDK's abort option for a call. */
export const abortOption = (signal?: AbortSignal): { abortSignal?: AbortSignal } =>
  signal ? { abortSignal: signal } : {};
