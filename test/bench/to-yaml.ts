/**
 * A small block-style YAML writer for the generated manifests (mappings, sequences, strings,
 * numbers, booleans), so the benchmark needs no YAML library of its own. Strings are written
 * double-quoted (JSON escapes are valid YAML), which no parser can read as another type.
 */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((item) => {
        const inner = toYaml(item, `${indent}  `);
        return isBlock(item) ? `${indent}- ${inner.trimStart()}` : `${indent}- ${inner}`;
      })
      .join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, v]) =>
        isBlock(v) ? `${indent}${k}:\n${toYaml(v, `${indent}  `)}` : `${indent}${k}: ${toYaml(v)}`,
      )
      .join('\n');
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function isBlock(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length > 0;
}
