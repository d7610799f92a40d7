/**
 * `simian schema`'s output, as packages/cli/config.schema.json holds it: the schema needs every
 * feature registered, so `npm run docs:config` writes it (a test keeps it current) and `simian
 * schema` prints the file, loading no feature.
 */
export function configSchemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Where the committed schema is (src/ and dist/ are both one folder below the package). */
export const CONFIG_SCHEMA_FILE = new URL('../config.schema.json', import.meta.url);
