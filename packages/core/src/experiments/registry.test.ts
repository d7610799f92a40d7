import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { createActivityRegistry } from './builtins.js';
import { runExperiment } from './run.js';
import { activitySchema, experimentSchema } from './schema.js';

// Meta-tests over every registered Python-named function (DESIGN.md habit 2).
const registry = createActivityRegistry();
const functions = registry.pythonFunctions();

describe('the activity registry', () => {
  it('has the provider types of the Chaos Toolkit format', () => {
    expect(registry.providerTypes().map((p) => p.type)).toEqual(['http', 'process', 'python']);
  });

  it('lists the functions core implements', () => {
    expect(functions.map((f) => f.name)).toEqual([
      'chaosprometheus.probes.query',
      'chaosprometheus.probes.query_interval',
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
