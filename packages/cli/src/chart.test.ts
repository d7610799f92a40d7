import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CHART_DIR,
  CHART_EXAMPLES,
  chartExampleValues,
  chartValuesJsonSchema,
  chartValuesSchema,
  generatedChartRbac,
} from './chart.js';
import { loadActivities, loadRegistry } from './registry.js';

const root = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
const read = (path: string) => readFileSync(`${root}/${path}`, 'utf8');

describe('the Helm chart', async () => {
  const registry = await loadRegistry();
  const activities = await loadActivities(registry);

  it('values.schema.json is generated from the zod schemas (run `npm run deploy:chart`)', () => {
    const schema = JSON.parse(read(`${CHART_DIR}/values.schema.json`)) as {
      properties: { config: { properties: Record<string, unknown> } };
    };
    expect(schema).toEqual(chartValuesJsonSchema(registry));
    // The config key is simian.yaml's own schema: monkeys and targets come from the registry.
    expect(Object.keys(schema.properties.config.properties)).toEqual(
      expect.arrayContaining(['monkeys', 'targets', 'safety', 'store']),
    );
  });

  it('values.yaml fits the chart schema', () => {
    expect(() => chartValuesSchema.parse(parse(read(`${CHART_DIR}/values.yaml`)))).not.toThrow();
  });

  it('files/rbac.json is what `simian rbac` gives for the chart config (run `npm run deploy:chart`)', () => {
    const generated = generatedChartRbac(registry, activities, read(`${CHART_DIR}/values.yaml`));
    expect(JSON.parse(read(`${CHART_DIR}/files/rbac.json`))).toEqual(generated);
    // The shipped chaos config evicts: it grants eviction, never deletion or ephemeral containers.
    const chaos = JSON.stringify(generated.monkeys.chaos);
    expect(chaos).toContain('pods/eviction');
    expect(chaos).not.toContain('ephemeralcontainers');
    expect(chaos).not.toContain('"delete"');
  });

  for (const example of CHART_EXAMPLES) {
    it(`examples/${example.name}.values.yaml is current, with Roles only in ${example.namespaces.join(', ')}`, () => {
      const text = read(`${CHART_DIR}/examples/${example.name}.values.yaml`);
      expect(text).toBe(chartExampleValues(registry, activities, example, root));
      const values = parse(text) as {
        experiments: Array<{ rbac: { cluster: unknown[]; namespaces: Record<string, unknown> } }>;
      };
      expect(values.experiments[0]!.rbac.cluster).toEqual([]);
      expect(Object.keys(values.experiments[0]!.rbac.namespaces)).toEqual(example.namespaces);
    });
  }
});
