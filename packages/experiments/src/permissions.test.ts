import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActivityRegistry } from './builtins.js';
import { parseExperimentText } from './load.js';
import { experimentPermissions } from './permissions.js';
import type { PythonFunction } from './registry.js';
import { z } from 'zod';

const deleter: PythonFunction = {
  description: 'deletes pods',
  kind: 'action',
  arguments: z.strictObject({ ns: z.string().default('default') }),
  permissions: [{ kind: 'rbac', group: '', resource: 'pods', verbs: ['delete'] }],
  verbs: ['kubernetes:delete:Pod'],
  example: {},
  run: async () => null,
};
const reader: PythonFunction = {
  ...deleter,
  kind: 'probe',
  permissions: [{ kind: 'rbac', group: '', resource: 'pods', verbs: ['list'] }],
  verbs: undefined,
};
const creator: PythonFunction = { ...deleter, permissions: [], verbs: ['*:create:*'] };

const registry = () =>
  createActivityRegistry()
    .registerPythonFunction('test.actions.delete', deleter)
    .registerPythonFunction('test.probes.read', reader)
    .registerPythonFunction('test.actions.create', creator);

const experiment = (text: string) => parseExperimentText(text, 'e.yaml');

describe("an experiment's permissions, from its activities' declarations", () => {
  it("namespaced by each activity's ns argument after configuration, with the verbs it declares", () => {
    const e = experiment(`
title: t
description: d
configuration: { where: { type: env, key: WHERE, default: shop } }
steady-state-hypothesis:
  title: h
  probes:
    - { type: probe, name: read, tolerance: true, provider: { type: python, module: test.probes, func: read, arguments: { ns: kube-public } } }
method:
  - { type: action, name: del, provider: { type: python, module: test.actions, func: delete, arguments: { ns: "\${where}" } } }
  - { ref: read }
rollbacks:
  - { type: action, name: http, provider: { type: http, url: "http://x" } }
`);
    const p = experimentPermissions(e, { activities: registry(), env: { WHERE: 'go-app' } });
    expect(p.permissions).toEqual([
      { kind: 'rbac', group: '', resource: 'pods', verbs: ['list'], namespace: 'kube-public' },
      { kind: 'rbac', group: '', resource: 'pods', verbs: ['delete'], namespace: 'go-app' },
    ]);
    expect(p.verbs).toEqual(['kubernetes:delete:Pod']);
    expect(p.objectDependent).toEqual([]);
  });

  it('names the actions whose needs depend on the objects they carry', () => {
    const e = experiment(`
title: t
description: d
method:
  - { type: action, name: add, provider: { type: python, module: test.actions, func: create } }
`);
    const p = experimentPermissions(e, { activities: registry(), env: {} });
    expect(p.objectDependent).toEqual(['add (test.actions.create)']);
    expect(p.verbs).toEqual(['*:create:*']);
  });

  it('the shipped seed 002 experiment: delete pods in go-app, nothing else', () => {
    const text = readFileSync(
      new URL('../../../deploy/examples/experiments/go-app-random-pod.yaml', import.meta.url),
      'utf8',
    );
    const e = experiment(text);
    // Only the registry's shape matters here: the real function is in @simian/activities.
    const r = createActivityRegistry().registerPythonFunction(
      'chaosk8s.pod.actions.terminate_pods',
      {
        ...deleter,
        arguments: z.strictObject({ ns: z.string(), rand: z.boolean(), qty: z.int() }),
      },
    );
    const p = experimentPermissions(e, { activities: r, env: {} });
    expect(p.permissions).toEqual([
      { kind: 'rbac', group: '', resource: 'pods', verbs: ['delete'], namespace: 'go-app' },
    ]);
  });
});

describe('permissionsFor: what a function needs for the arguments it is given', () => {
  const byName: PythonFunction<z.ZodObject<{ sel: z.ZodOptional<z.ZodString> }>> = {
    ...reader,
    arguments: z.strictObject({ sel: z.string().optional() }),
    permissions: [{ kind: 'rbac', group: '', resource: 'pods', verbs: ['get', 'list'] }],
    permissionsFor: (args) => [
      { kind: 'rbac', group: '', resource: 'pods', verbs: [args.sel ? 'list' : 'get'] },
    ],
  };
  const activities = createActivityRegistry().registerPythonFunction(
    'test.probes.by_name',
    byName as PythonFunction,
  );
  const probe = (args: string) =>
    experiment(`
title: t
description: d
method:
  - type: probe
    name: p
    provider: { type: python, module: test.probes, func: by_name, arguments: ${args} }
`);

  it('grants get for a read by name and list for a selector, never both', () => {
    const verbsOf = (args: string) =>
      experimentPermissions(probe(args), { activities }).permissions.map(
        (p) => p.kind === 'rbac' && p.verbs,
      );
    expect(verbsOf('{}')).toEqual([['get']]);
    expect(verbsOf('{ sel: "app=web" }')).toEqual([['list']]);
  });
});
