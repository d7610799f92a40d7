// Test resources from the small fixtures under test/fixtures, made by the providers' own
// conversions (as the chaos monkey's fixtures are), so they carry the same views and marks.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@simian/core';
import { parseManifests } from '@simian/policy';
import { autoScalingGroupResource, instanceResource } from '@simian/provider-aws';
import { resourceFromObject, type KubeObject } from '@simian/provider-kubernetes';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');

/**
 * A Kubernetes fixture as the provider would list it in context `context`: made by the provider's
 * own conversion, so ref, labels, marks, owner, controller and views cannot drift from it.
 */
export async function kubeFixture(file: string, context = 'test'): Promise<Resource[]> {
  const path = join(FIXTURES, file);
  return parseManifests(await readFile(path, 'utf8'), path).map((m) =>
    resourceFromObject(m.raw as KubeObject, { context }),
  );
}

/**
 * An AWS fixture: a JSON array of `{ ref, kind, region, context, labels, raw }`, where `raw` is the
 * API object. Instances and Auto Scaling groups are made by the AWS provider's own conversion (tags
 * from `labels`, the ref kept); other kinds keep their shape, with tags as marks.
 */
export async function awsFixture(file: string): Promise<Resource[]> {
  const items = JSON.parse(await readFile(join(FIXTURES, file), 'utf8')) as Resource[];
  return items.map((r) => {
    const place = { region: r.region!, account: r.context!, ownerLabel: 'owner' };
    const Tags = Object.entries(r.labels).map(([Key, Value]) => ({ Key, Value }));
    const raw = { ...(r.raw as object), Tags };
    if (r.kind === 'Instance') return instanceResource(place, raw as never);
    if (r.kind === 'AutoScalingGroup') {
      return autoScalingGroupResource(place, { ...raw, AutoScalingGroupARN: r.ref } as never);
    }
    const owner = r.labels['owner'];
    return { ...r, marks: { ...r.labels }, ...(owner ? { owner } : {}) };
  });
}

/** One resource of a list by kind and name; throws when it is missing, so tests fail clearly. */
export function pick(resources: readonly Resource[], kind: string, name: string): Resource {
  const r = resources.find((x) => x.kind === kind && x.name === name);
  if (!r) throw new Error(`fixture has no ${kind} ${name}`);
  return r;
}

/** A copy of `r` carrying extra marks (a memory provider keeps them as annotations or tags). */
export function withMarks(r: Resource, values: Record<string, string>): Resource {
  return { ...r, marks: { ...r.marks, ...values } };
}
