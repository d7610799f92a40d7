import type { Resource } from '@simian/core';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import type { AwsScope } from '../scope.js';
import { defineAwsKind, type AwsKind } from './kind.js';

/** What differs between EC2 kinds that are listed by one paginated Describe call. */
export interface DescribedKindSpec<T> {
  kind: string;
  /** The Describe call, for errors: `DescribeVolumes`. */
  call: string;
  /** What is listed, for errors: `volumes`; one of them: `volume`. */
  plural: string;
  singular: string;
  listActions: string[];
  /** The items, page by page. */
  pages(scope: AwsScope, signal?: AbortSignal): AsyncIterable<T[]>;
  /** One item by id, or undefined when it is gone. */
  readOne(scope: AwsScope, id: string, signal?: AbortSignal): Promise<T | undefined>;
  /**
   * Adds what the Describe call leaves out (an attribute asked item by item), run with the
   * scope's bounded concurrency, when a listing asks for `detail` (`ListOptions.details`: a call
   * per item, paid only by runs whose monkeys need it). A read by id always adds it: the executor
   * judges an item whole. A failure fails the listing: a half-read item is never judged.
   */
  enrich?: { detail: string; add(scope: AwsScope, item: T, signal?: AbortSignal): Promise<T> };
  toResource(scope: AwsScope, account: string, item: T): Resource;
}

/**
 * An EC2 kind listed by a Describe paginator and read back by id. The listing and the read share
 * one error policy: a failure is explained (resource, call, IAM action) and thrown, never an empty
 * list; a "not found" on read means the item is gone.
 */
export function defineDescribedKind<T>(spec: DescribedKindSpec<T>): AwsKind {
  const explain = (error: unknown, scope: AwsScope, what: string) =>
    explainAwsError(
      error,
      { scope, call: spec.call, what, iamActions: spec.listActions },
      'target',
    );
  return defineAwsKind({
    kind: spec.kind,
    service: 'ec2',
    listActions: spec.listActions,
    async list(scope, { signal, details }) {
      const account = await scope.account();
      const out: Resource[] = [];
      const enrich = spec.enrich && details?.includes(spec.enrich.detail) ? spec.enrich : undefined;
      try {
        for await (const page of spec.pages(scope, signal)) {
          const items = enrich
            ? await Promise.all(
                page.map((item) => scope.semaphore.run(() => enrich.add(scope, item, signal))),
              )
            : page;
          for (const item of items) out.push(spec.toResource(scope, account, item));
        }
      } catch (error) {
        throw explain(error, scope, spec.plural);
      }
      return out;
    },
    async read(scope, id, signal) {
      const account = await scope.account();
      try {
        const found = await spec.readOne(scope, id, signal);
        const item = found && spec.enrich ? await spec.enrich.add(scope, found, signal) : found;
        return item ? spec.toResource(scope, account, item) : undefined;
      } catch (error) {
        if (isAwsNotFound(error)) return undefined;
        throw explain(error, scope, `${spec.singular} ${id}`);
      }
    },
  });
}
