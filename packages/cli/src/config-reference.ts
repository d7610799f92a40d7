import { configJsonSchema, type Registry } from '@simian/core';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  if (s.anyOf)
    return s.anyOf
      .map(typeOf)
      .filter((t) => t !== 'null')
      .join(' \\| ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'any'}`;
  if (s.type === 'object' && !s.properties && typeof s.additionalProperties === 'object') {
    return `map of ${typeOf(s.additionalProperties)}`;
  }
  const t = Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
  const range = [
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : '',
    s.maximum !== undefined ? `≤ ${s.maximum}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return range ? `${t} (${range})` : t;
}

function unwrap(s: JsonSchema): JsonSchema {
  if (s.anyOf) {
    const obj = s.anyOf.find((x) => x.properties);
    if (obj) return { ...obj, description: s.description ?? obj.description };
  }
  return s;
}

function rows(schema: JsonSchema, path: string, out: string[][]): void {
  const s = unwrap(schema);
  if (path) {
    const def = schema.default !== undefined ? `\`${JSON.stringify(schema.default)}\`` : '';
    const required = '';
    out.push([
      `\`${path}\``,
      s.properties ? 'object' : typeOf(schema),
      def,
      (schema.description ?? s.description ?? '').replace(/\|/g, '\\|') + required,
    ]);
  }
  for (const [key, child] of Object.entries(s.properties ?? {}))
    rows(child, path ? `${path}.${key}` : key, out);
  if (s.type === 'array' && s.items && unwrap(s.items).properties) rows(s.items, `${path}[]`, out);
}

/**
 * docs/configuration.md, made from the same schema that validates simian.yaml, so the reference
 * cannot drift from the code: a test fails when the committed file differs from this output.
 */
export function renderConfigReference(registry: Registry): string {
  const schema = configJsonSchema(registry) as JsonSchema;
  const out: string[][] = [];
  rows(schema, '', out);
  const table = [
    '| key | type | default | description |',
    '| --- | --- | --- | --- |',
    ...out.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  return `# Configuration reference

<!-- Generated from the config schema by \`npm run docs:config\`; do not edit by hand. -->

Simian reads one YAML file, \`simian.yaml\` (or \`--config PATH\`, or \`$SIMIAN_CONFIG\`). Unknown keys
are errors; every error names the file, line, column and key. \`\${NAME}\` reads an environment
variable (\`\${NAME:-default}\` gives a default); values read this way are redacted from logs.
Durations are written \`30s\`, \`15m\`, \`4h\`, \`2d\`, \`1w\` or \`1h30m\`. Relative paths are relative
to the config file's directory. \`simian schema\` prints the same schema as JSON Schema for editors.

${table}
`;
}
