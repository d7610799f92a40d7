import { silentLogger } from '@simian/core';
import {
  activitySchema,
  createActivityRegistry,
  experimentSchema,
  runExperiment,
} from '@simian/experiments';
import { describe, expect, it } from 'vitest';
import { registerActivityPack } from './index.js';

// Meta-tests over every function of the pack (the registry is what the CLI runs experiments with).
const registry = registerActivityPack(createActivityRegistry());
const functions = registry.pythonFunctions();
const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

describe('the activity pack', () => {
  it('has the chaosprometheus probes and simian.load.http beside the Kubernetes functions', () => {
    expect(
      functions
        .map((f) => f.name)
        .filter((n) => !n.startsWith('chaosk8s.') && !n.startsWith('simian.kubernetes.')),
    ).toEqual([
      'chaosprometheus.probes.query',
      'chaosprometheus.probes.query_interval',
      'simian.latency.probes.measure_latency',
      'simian.load.http',
    ]);
  });

  describe.each(functions.map((f) => [f.name, f] as const))('%s', (name, fn) => {
    it('has a strict arguments schema, a description and declared permissions', () => {
      const def = (
        fn.arguments as unknown as {
          _zod: { def: { catchall?: { _zod: { def: { type: string } } } } };
        }
      )._zod.def;
      expect(def.catchall?._zod.def.type).toBe('never');
      expect(fn.description.length).toBeGreaterThan(10);
      expect(Array.isArray(fn.permissions)).toBe(true);
    });

    it('declares the verbs it asks the executor for, when it may write (the executor refuses the undeclared)', () => {
      const writes = (fn.permissions ?? []).some((p) =>
        p.kind === 'rbac'
          ? p.verbs.some((v) => WRITE_VERBS.has(v))
          : p.actions.some((a) => !/:(Describe|List|Get)/.test(a)),
      );
      // A function whose writes depend on its arguments (a manifest's objects) declares `*` verbs
      // and derives its permissions from the arguments.
      if (!writes) return;
      expect(fn.kind).not.toBe('probe');
      expect(fn.verbs?.length, `${name} may write and declares no verbs`).toBeGreaterThan(0);
      for (const verb of fn.verbs ?? [])
        expect(verb).toMatch(/^(\*|[a-z]+):[a-z-]+:(\*|([\w.-]+\/)*[A-Z]\w*)$/);
    });

    it('has an example that is a valid activity calling it, with arguments its schema accepts', () => {
      const example = activitySchema.parse(fn.example);
      const provider = example.provider as unknown as {
        module: string;
        func: string;
        arguments: unknown;
      };
      expect(`${provider.module}.${provider.func}`).toBe(name);
      expect(fn.arguments.safeParse(provider.arguments).success).toBe(true);
    });

    it('is journaled without being called in the "activities" dry mode', async () => {
      const journal = await runExperiment(
        experimentSchema.parse({ title: name, description: 'dry', method: [fn.example] }),
        { activities: registry, logger: silentLogger(), dryRun: 'activities' },
      );
      expect(journal.run).toMatchObject([{ status: 'succeeded', output: null }]);
    });
  });
});
