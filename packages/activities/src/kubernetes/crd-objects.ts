import { SimianError } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { customKind, customObjectArguments, KIND_NEEDED, needsKnownKind } from './custom-object.js';
import { actOnObject, kubeRef, kubeTargets, readObject } from './kube-object.js';
import { createFromManifest, readSpecFile } from './object-ops.js';

// The rest of chaostoolkit-kubernetes' crd module, natively: cluster-wide create and delete, JSON
// Patch, reads (whose output is the object as the API serves it), and apply_from_json/yaml. Every
// change through the executor. replace_* (a PUT of the whole object) is not native: it runs in
// the Python bridge.

const MODULE = 'chaosk8s.crd';
const cluster = { ...customObjectArguments, ns: z.undefined().optional() };
const { ns: _ns, ...clusterArgs } = cluster;
const example = (
  kind: 'probe' | 'action',
  sub: string,
  func: string,
  args: Record<string, unknown>,
) => ({
  type: kind,
  name: func.replaceAll('_', '-'),
  ...(kind === 'probe' ? { tolerance: { type: 'jsonpath', path: '$.metadata.name' } } : {}),
  provider: { type: 'python' as const, module: `${MODULE}.${sub}`, func, arguments: args },
});
const chaosArgs = { group: 'chaos-mesh.org', version: 'v1alpha1', plural: 'networkchaos' };

const namedNs = z
  .strictObject({ ...customObjectArguments, name: z.string().min(1) })
  .refine(needsKnownKind, KIND_NEEDED);
const namedCluster = z
  .strictObject({ ...clusterArgs, name: z.string().min(1) })
  .refine(needsKnownKind, KIND_NEEDED);
const listNs = z.strictObject({ ...customObjectArguments }).refine(needsKnownKind, KIND_NEEDED);
const listCluster = z.strictObject({ ...clusterArgs }).refine(needsKnownKind, KIND_NEEDED);

type Named = {
  group: string;
  version: string;
  plural: string;
  kind?: string | null;
  name: string;
  ns?: string;
};

async function readCustom(fn: string, context: ChaosActivityContext, a: Named) {
  const { targets, scope } = kubeTargets(context, fn);
  const ref = kubeRef(targets, scope, a.ns, customKind(fn, a), a.name);
  // The probe's output is the object as the API serves it, as chaostoolkit-kubernetes returns it.
  return (await readObject(context, targets, ref, fn)).raw;
}

async function listCustom(fn: string, context: ChaosActivityContext, a: Omit<Named, 'name'>) {
  const { targets, scope } = kubeTargets(context, fn);
  const items = await targets.inventory.provider('kubernetes').list(customKind(fn, a), scope, {
    signal: context.signal,
    ...(a.ns ? { namespace: a.ns } : {}),
  });
  const kind = customKind(fn, a).split('/').pop()!;
  return {
    apiVersion: `${a.group}/${a.version}`,
    kind: `${kind}List`,
    items: items.filter((i) => !a.ns || i.namespace === a.ns).map((i) => i.raw),
  };
}

const GET = `${MODULE}.probes.get_custom_object`;
const LIST = `${MODULE}.probes.list_custom_objects`;
const GET_CLUSTER = `${MODULE}.probes.get_cluster_custom_object`;
const LIST_CLUSTER = `${MODULE}.probes.list_cluster_custom_objects`;

const probes: Array<[string, PythonFunction]> = [
  [
    GET,
    {
      description: 'A custom resource in the namespace, as the API serves it.',
      kind: 'probe',
      arguments: namedNs,
      permissions: [],
      example: example('probe', 'probes', 'get_custom_object', {
        ...chaosArgs,
        name: 'web-delay',
        ns: 'storefront',
      }),
      run: (a, context: ChaosActivityContext) => readCustom(GET, context, a as Named),
    } satisfies PythonFunction<typeof namedNs>,
  ],
  [
    LIST,
    {
      description: 'The custom resources of a kind in the namespace, as a list the API serves.',
      kind: 'probe',
      arguments: listNs,
      permissions: [],
      example: example('probe', 'probes', 'list_custom_objects', {
        ...chaosArgs,
        ns: 'storefront',
      }),
      run: (a, context: ChaosActivityContext) => listCustom(LIST, context, a),
    } satisfies PythonFunction<typeof listNs>,
  ],
  [
    GET_CLUSTER,
    {
      description: 'A cluster-scoped custom resource, as the API serves it.',
      kind: 'probe',
      arguments: namedCluster,
      permissions: [],
      example: example('probe', 'probes', 'get_cluster_custom_object', {
        ...chaosArgs,
        name: 'web-delay',
      }),
      run: (a, context: ChaosActivityContext) => readCustom(GET_CLUSTER, context, a as Named),
    } satisfies PythonFunction<typeof namedCluster>,
  ],
  [
    LIST_CLUSTER,
    {
      description: 'The cluster-scoped custom resources of a kind, as a list the API serves.',
      kind: 'probe',
      arguments: listCluster,
      permissions: [],
      example: example('probe', 'probes', 'list_cluster_custom_objects', chaosArgs),
      run: (a, context: ChaosActivityContext) => listCustom(LIST_CLUSTER, context, a),
    } satisfies PythonFunction<typeof listCluster>,
  ],
];

const CREATE_CLUSTER = `${MODULE}.actions.create_cluster_custom_object`;
const DELETE_CLUSTER = `${MODULE}.actions.delete_cluster_custom_object`;
const PATCH = `${MODULE}.actions.patch_custom_object`;
const PATCH_CLUSTER = `${MODULE}.actions.patch_cluster_custom_object`;
const APPLY_JSON = `${MODULE}.actions.apply_from_json`;
const APPLY_YAML = `${MODULE}.actions.apply_from_yaml`;

const createCluster = z.strictObject({
  ...clusterArgs,
  resource: z.record(z.string(), z.unknown()).nullish(),
  resource_as_yaml_file: z.string().min(1).nullish(),
});
const patchArgs = (namespaced: boolean) =>
  z
    .strictObject({
      ...(namespaced ? customObjectArguments : clusterArgs),
      name: z.string().min(1),
      /** Accepted for compatibility; a JSON Patch has no field managers to take over. */
      force: z.boolean().default(false),
      /** A JSON Patch: a list of operations (`[{op: replace, path: /spec/x, value: 1}]`). */
      resource: z.array(z.record(z.string(), z.unknown())).nullish(),
      resource_as_yaml_file: z.string().min(1).nullish(),
    })
    .refine(needsKnownKind, KIND_NEEDED);
const patchNs = patchArgs(true);
const patchCluster = patchArgs(false);

async function body(
  fn: string,
  resource: unknown,
  file: string | null | undefined,
): Promise<unknown> {
  if (file) return readSpecFile(fn, file);
  if (resource === undefined || resource === null) {
    throw new SimianError('INPUT_INVALID', `${fn}: give resource or resource_as_yaml_file`);
  }
  return resource;
}

const patchRun =
  (fn: string) =>
  async (a: z.output<typeof patchNs> & { ns?: string }, context: ChaosActivityContext) => {
    const { targets, scope } = kubeTargets(context, fn);
    const ref = kubeRef(targets, scope, a.ns, customKind(fn, a), a.name);
    const patch = await body(fn, a.resource, a.resource_as_yaml_file);
    const outcome = await actOnObject(fn, context, ref, 'patch', { type: 'json', patch });
    return outcome.output ?? {};
  };

const applyArgs = z.strictObject({
  /** The object(s), as JSON or YAML text. */
  resource: z.string().min(1),
});

const applyFrom = (
  fn: string,
  parse: (text: string) => unknown,
): PythonFunction<typeof applyArgs> => ({
  description: `Creates the object(s) given as ${fn.endsWith('json') ? 'JSON' : 'YAML'} text (custom or built-in; each in its metadata.namespace), through the safety gate.`,
  kind: 'action',
  arguments: applyArgs,
  permissions: [],
  // What it creates is in the text: any kind, so `simian rbac` names it object-dependent.
  verbs: ['*:create:*'],
  example: example('action', 'actions', fn.split('.').pop()!, {
    resource:
      '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "flag", "namespace": "storefront"}}',
  }),
  async run(a, context: ChaosActivityContext) {
    let parsed: unknown;
    try {
      parsed = parse(a.resource);
    } catch (e) {
      throw new SimianError(
        'INPUT_INVALID',
        `${fn}: resource is not valid: ${(e as Error).message}`,
      );
    }
    const objects = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
    const created: string[] = [];
    for (const o of objects) {
      const namespace = (o.metadata as { namespace?: string } | undefined)?.namespace;
      created.push((await createFromManifest(fn, context, o, namespace)).created);
    }
    return { created };
  },
});

const actions: Array<[string, PythonFunction]> = [
  [
    CREATE_CLUSTER,
    {
      description:
        'Creates a cluster-scoped custom resource from its manifest, through the safety gate.',
      kind: 'action',
      arguments: createCluster,
      permissions: [],
      example: example('action', 'actions', 'create_cluster_custom_object', {
        ...chaosArgs,
        resource: { kind: 'NetworkChaos', metadata: { name: 'web-delay' } },
      }),
      async run(a, context: ChaosActivityContext) {
        const object = (await body(CREATE_CLUSTER, a.resource, a.resource_as_yaml_file)) as Record<
          string,
          unknown
        >;
        const withType = {
          apiVersion: `${a.group}/${a.version}`,
          ...object,
          kind: customKind(CREATE_CLUSTER, a, object.kind).split('/').pop(),
        };
        return {
          created: (await createFromManifest(CREATE_CLUSTER, context, withType, undefined)).created,
        };
      },
    } satisfies PythonFunction<typeof createCluster>,
  ],
  [
    DELETE_CLUSTER,
    {
      description: 'Deletes a cluster-scoped custom resource, through the safety gate.',
      kind: 'action',
      arguments: namedCluster,
      permissions: [],
      example: example('action', 'actions', 'delete_cluster_custom_object', {
        ...chaosArgs,
        name: 'web-delay',
      }),
      async run(a, context: ChaosActivityContext) {
        const { targets, scope } = kubeTargets(context, DELETE_CLUSTER);
        const ref = kubeRef(targets, scope, undefined, customKind(DELETE_CLUSTER, a), a.name);
        return (await actOnObject(DELETE_CLUSTER, context, ref, 'delete', {})).output ?? {};
      },
    } satisfies PythonFunction<typeof namedCluster>,
  ],
  [
    PATCH,
    {
      description:
        'Patches a custom resource in the namespace with a JSON Patch, through the safety gate.',
      kind: 'action',
      arguments: patchNs,
      permissions: [],
      example: example('action', 'actions', 'patch_custom_object', {
        ...chaosArgs,
        name: 'web-delay',
        ns: 'storefront',
        resource: [{ op: 'replace', path: '/spec/delay/latency', value: '500ms' }],
      }),
      run: patchRun(PATCH),
    } satisfies PythonFunction<typeof patchNs>,
  ],
  [
    PATCH_CLUSTER,
    {
      description:
        'Patches a cluster-scoped custom resource with a JSON Patch, through the safety gate.',
      kind: 'action',
      arguments: patchCluster,
      permissions: [],
      example: example('action', 'actions', 'patch_cluster_custom_object', {
        ...chaosArgs,
        name: 'web-delay',
        resource: [{ op: 'replace', path: '/spec/delay/latency', value: '500ms' }],
      }),
      run: patchRun(PATCH_CLUSTER) as PythonFunction<typeof patchCluster>['run'],
    } satisfies PythonFunction<typeof patchCluster>,
  ],
  [APPLY_JSON, applyFrom(APPLY_JSON, (t) => JSON.parse(t) as unknown)],
  [APPLY_YAML, applyFrom(APPLY_YAML, (t) => parseYaml(t) as unknown)],
];

export const CRD_OBJECT_FUNCTIONS = Object.fromEntries([...probes, ...actions]) as Record<
  string,
  PythonFunction
>;
