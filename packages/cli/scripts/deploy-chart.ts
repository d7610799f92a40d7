// Writes the chart's generated files (see src/chart.ts): values.schema.json, files/rbac.json and
// the examples' values files. A unit test fails when they drift from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  CHART_DIR,
  CHART_EXAMPLES,
  chartExampleValues,
  chartValuesJsonSchema,
  generatedChartRbac,
} from '../src/chart.js';
import { loadActivities, loadRegistry } from '../src/registry.js';

const root = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
const registry = await loadRegistry();
const activities = await loadActivities(registry);
const write = (path: string, text: string) => {
  writeFileSync(`${root}/${path}`, text);
  process.stdout.write(`wrote ${path}\n`);
};
write(
  `${CHART_DIR}/values.schema.json`,
  `${JSON.stringify(chartValuesJsonSchema(registry), null, 2)}\n`,
);
const values = readFileSync(`${root}/${CHART_DIR}/values.yaml`, 'utf8');
write(
  `${CHART_DIR}/files/rbac.json`,
  `${JSON.stringify(generatedChartRbac(registry, activities, values), null, 2)}\n`,
);
for (const example of CHART_EXAMPLES)
  write(
    `${CHART_DIR}/examples/${example.name}.values.yaml`,
    chartExampleValues(registry, activities, example, root),
  );
