import { readFileSync } from 'node:fs';
import type { Action, ExecuteOptions, Provider, Resource } from '@simian/core';
import type { KubeObject } from '../kubernetes/kube-object.js';

/**
 * A provider over the plain JSON files in `test/fixtures/`, for unit tests of the planning logic:
 * it turns objects into `Resource`s the way the real providers do (refs, labels, controller), and
 * records what it is asked to do. Behaviour of the real APIs is tested against the sandbox.
 */
export class FixtureProvider implements Provider {
  readonly name: string;
  readonly resources = new Map<string, Resource>();
  readonly calls: Array<{ verb: string; ref: string; dryRun: boolean; params?: unknown }> = [];
  readonly #scopes: string[];

  constructor(name: string, scopes: string[], resources: Resource[]) {
    this.name = name;
    this.#scopes = scopes;
    for (const r of resources) this.resources.set(r.ref, r);
  }

  scopes(): string[] {
    return this.#scopes;
  }

  async list(kind: string, scope: string): Promise<Resource[]> {
    return [...this.resources.values()].filter(
      (r) => r.kind === kind && (r.context === scope || r.region === scope),
    );
  }

  async read(ref: string): Promise<Resource | undefined> {
    return this.resources.get(ref);
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

/** Kubernetes objects as the Kubernetes provider makes them into resources. */
export function kubeResources(
  objects: Array<KubeObject & { kind: string }>,
  context: string,
): Resource[] {
  return objects.map((o) => {
    const m = o.metadata ?? {};
    const controller = m.ownerReferences?.find((r) => r.controller);
    return {
      ref: `k8s:${context}/${m.namespace ?? '_'}/${o.kind}/${m.name}`,
      provider: 'kubernetes',
      kind: o.kind,
      name: m.name ?? '',
      ...(m.namespace ? { namespace: m.namespace } : {}),
      context,
      labels: m.labels ?? {},
      annotations: m.annotations ?? {},
      ...(controller ? { controller: { kind: controller.kind, name: controller.name } } : {}),
      raw: o,
    };
  });
}

interface AwsEstate {
  region: string;
  account: string;
  instances: Array<{ InstanceId: string; Tags?: Array<{ Key: string; Value: string }> }>;
  autoScalingGroups: Array<{
    AutoScalingGroupName: string;
    AutoScalingGroupARN: string;
    Tags?: Array<{ Key: string; Value: string }>;
  }>;
}

const tags = (list: Array<{ Key: string; Value: string }> = []) =>
  Object.fromEntries(list.map((t) => [t.Key, t.Value]));

/** EC2 instances and Auto Scaling groups as the AWS provider makes them into resources. */
export function awsResources(estate: AwsEstate): Resource[] {
  const where = { provider: 'aws', region: estate.region, context: estate.account };
  return [
    ...estate.instances.map((i): Resource => {
      const t = tags(i.Tags);
      const group = t['aws:autoscaling:groupName'];
      return {
        ...where,
        ref: `arn:aws:ec2:${estate.region}:${estate.account}:instance/${i.InstanceId}`,
        kind: 'Instance',
        name: i.InstanceId,
        labels: t,
        ...(group ? { controller: { kind: 'AutoScalingGroup', name: group } } : {}),
        raw: i,
      };
    }),
    ...estate.autoScalingGroups.map((g): Resource => ({
      ...where,
      ref: g.AutoScalingGroupARN,
      kind: 'AutoScalingGroup',
      name: g.AutoScalingGroupName,
      labels: tags(g.Tags),
      raw: g,
    })),
  ];
}

/** The shop cluster of `test/fixtures/shop-cluster.json`, in context `test`. */
export const shopCluster = (): FixtureProvider =>
  new FixtureProvider(
    'kubernetes',
    ['test'],
    kubeResources(
      readFixture<{ items: Array<KubeObject & { kind: string }> }>('shop-cluster.json').items,
      'test',
    ),
  );

/** The estate of `test/fixtures/aws-estate.json`, in region us-east-1. */
export const awsEstate = (): FixtureProvider =>
  new FixtureProvider(
    'aws',
    ['us-east-1'],
    awsResources(readFixture<AwsEstate>('aws-estate.json')),
  );
