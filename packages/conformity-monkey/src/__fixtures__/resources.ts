// Test resources from the small fixtures under test/fixtures: Kubernetes manifests become
// Resources the way the Kubernetes provider makes them (ref, labels, annotations as marks, owner
// from the `owner` label, controller); AWS items get their tags as marks, as the AWS provider does.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@simian/core';
import { parseManifests } from '@simian/policy';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');

interface OwnerReference {
  kind: string;
  name: string;
  controller?: boolean;
}

/** A Kubernetes fixture as the provider would list it in context `context`. */
export async function kubeFixture(file: string, context = 'test'): Promise<Resource[]> {
  const path = join(FIXTURES, file);
  return parseManifests(await readFile(path, 'utf8'), path).map((m) => {
    const raw = m.raw as { metadata?: { ownerReferences?: OwnerReference[] } };
    const controller = raw.metadata?.ownerReferences?.find((o) => o.controller === true);
    const owner = m.labels['owner'];
    return {
      ref: `k8s:${context}/${m.namespace ?? '_'}/${m.kind}/${m.name}`,
      provider: 'kubernetes',
      kind: m.kind,
      name: m.name,
      ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
      context,
      labels: m.labels,
      annotations: m.annotations ?? {},
      marks: { ...m.annotations },
      ...(owner ? { owner } : {}),
      ...(controller ? { controller: { kind: controller.kind, name: controller.name } } : {}),
      raw: m.raw,
    };
  });
}

/** An AWS fixture: a JSON array in Simian's Resource shape, tags (`labels`) as marks. */
export async function awsFixture(file: string): Promise<Resource[]> {
  const items = JSON.parse(await readFile(join(FIXTURES, file), 'utf8')) as Resource[];
  return items.map((r) => {
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
