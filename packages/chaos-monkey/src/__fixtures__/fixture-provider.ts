import { readFileSync } from 'node:fs';
import type { Action, ExecuteOptions, Provider, RefParts, Resource } from '@simian/core';
import {
  arnOf,
  autoScalingGroupResource,
  instanceResource,
  type AwsPlace,
} from '@simian/provider-aws';
import { refFromParts, resourceFromObject, type KubeObject } from '@simian/provider-kubernetes';

/** An object of a fixture file, and how its provider makes it into a `Resource`. */
interface Source {
  object: unknown;
  toResource: (object: never) => Resource;
}

/**
 * A provider over the plain JSON files in `test/fixtures/`, for unit tests of the planning logic.
 * Objects become `Resource`s through the real providers' own conversions (refs, labels,
 * controller, views), so a fixture sees what a run sees; it records what it is asked to do.
 * Behaviour of the real APIs is tested against the sandbox.
 */
export class FixtureProvider implements Provider {
  readonly name: string;
  readonly resources = new Map<string, Resource>();
  readonly calls: Array<{ verb: string; ref: string; dryRun: boolean; params?: unknown }> = [];
  readonly #scopes: string[];
  readonly #sources = new Map<string, Source>();
  readonly #ref: (parts: RefParts) => string;

  constructor(name: string, scopes: string[], sources: Source[], ref: (parts: RefParts) => string) {
    this.name = name;
    this.#scopes = scopes;
    this.#ref = ref;
    for (const s of sources) {
      const r = s.toResource(s.object as never);
      this.resources.set(r.ref, r);
      this.#sources.set(r.ref, s);
    }
  }

  scopes(): string[] {
    return this.#scopes;
  }

  ref(parts: RefParts): string {
    return this.#ref(parts);
  }

  async list(kind: string, scope: string): Promise<Resource[]> {
    return [...this.resources.values()].filter(
      (r) => r.kind === kind && (r.context === scope || r.region === scope),
    );
  }

  async read(ref: string): Promise<Resource | undefined> {
    return this.resources.get(ref);
  }

  /**
   * The resource at `ref` as a fresh read would give it after `change` to its API object, made by
   * the provider's conversion; the fixture itself stays as it was.
   */
  variant<T>(ref: string, change: (object: T) => void): Resource {
    const source = this.#sources.get(ref);
    if (!source) throw new Error(`the fixture has no ${ref}`);
    const object = structuredClone(source.object) as T;
    change(object);
    return source.toResource(object as never);
  }

  /** Changes the API object at `ref`, as a controller or a user would between plan and action. */
  change<T>(ref: string, change: (object: T) => void): void {
    const changed = this.variant(ref, change);
    this.resources.set(ref, changed);
  }

  async execute(action: Action, options: ExecuteOptions): Promise<Record<string, unknown>> {
    this.calls.push({
      verb: action.verb,
      ref: action.resource.ref,
      dryRun: options.dryRun,
      ...(action.params ? { params: action.params } : {}),
    });
    if (!options.dryRun) this.resources.delete(action.resource.ref);
    return { done: true };
  }
}

/** Reads a fixture file from `packages/chaos-monkey/test/fixtures/`. */
export function readFixture<T>(file: string): T {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/${file}`, import.meta.url), 'utf8'),
  ) as T;
}

/** A Kubernetes object of a fixture file: as the API serves it, with its kind. */
export type FixtureObject = KubeObject & { kind: string };

const kubeSources = (objects: FixtureObject[], context: string): Source[] =>
  objects.map((object) => ({
    object,
    toResource: (o: FixtureObject) => resourceFromObject(o, { context }),
  }));

/** Kubernetes objects as the Kubernetes provider makes them into resources. */
export const kubeResources = (objects: FixtureObject[], context: string): Resource[] =>
  kubeSources(objects, context).map((s) => s.toResource(s.object as never));

/** The estate of `aws-estate.json`: DescribeInstances and DescribeAutoScalingGroups items. */
interface AwsEstate {
  region: string;
  account: string;
  instances: Array<Parameters<typeof instanceResource>[1]>;
  autoScalingGroups: Array<Parameters<typeof autoScalingGroupResource>[1]>;
}

/** EC2 instances and Auto Scaling groups as the AWS provider makes them into resources. */
function awsSources(estate: AwsEstate): Source[] {
  const place: AwsPlace = { region: estate.region, account: estate.account };
  return [
    ...estate.instances.map((object) => ({
      object,
      toResource: (o: AwsEstate['instances'][number]) => instanceResource(place, o),
    })),
    ...estate.autoScalingGroups.map((object) => ({
      object,
      toResource: (o: AwsEstate['autoScalingGroups'][number]) => autoScalingGroupResource(place, o),
    })),
  ];
}

/** The shop cluster of `test/fixtures/shop-cluster.json`, in context `test`. */
export const shopCluster = (): FixtureProvider =>
  new FixtureProvider(
    'kubernetes',
    ['test'],
    kubeSources(readFixture<{ items: FixtureObject[] }>('shop-cluster.json').items, 'test'),
    refFromParts,
  );

/** The estate of `test/fixtures/aws-estate.json`, in region us-east-1. */
export function awsEstate(): FixtureProvider {
  const estate = readFixture<AwsEstate>('aws-estate.json');
  return new FixtureProvider('aws', [estate.region], awsSources(estate), (parts) =>
    arnOf(parts.kind, parts.name, parts.scope, parts.account ?? estate.account),
  );
}
