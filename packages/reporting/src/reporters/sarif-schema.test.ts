// SARIF validated against the SARIF 2.1.0 JSON schema itself (the OASIS schema, as
// @microsoft/jest-sarif ships it), for a scan's findings and for a compliance report.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { complianceFixture } from '../__fixtures__/compliance.js';
import { scanFindings } from '../__fixtures__/reports.js';
import { renderReport } from '../registry.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as Record<string, unknown>;
// The schema's own language pattern is not valid with the unicode flag, as JSON Schema draft-04 predates it.
const validate = new ajvDraft04.default({
  allErrors: true,
  strict: false,
  unicodeRegExp: false,
}).compile(schema);

function errorsOf(text: string): string[] {
  const ok = validate(JSON.parse(text));
  return ok
    ? []
    : (validate.errors ?? []).map(
        (e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`,
      );
}

describe('sarif against the 2.1.0 schema', () => {
  it('the schema is the real one and refuses a broken log', () => {
    expect(schema['title']).toMatch(/SARIF.*2\.1\.0/);
    expect(errorsOf(JSON.stringify({ version: '2.1.0', runs: [{ tool: {} }] }))).not.toEqual([]);
  });

  it("a scan's findings (files, lines, a waiver)", () => {
    expect(
      errorsOf(
        renderReport('sarif', { kind: 'findings', data: scanFindings() }, { version: '1.0.0' }),
      ),
    ).toEqual([]);
  });

  it('a compliance report (fingerprints, baseline states, suppressions, evidence)', () => {
    expect(
      errorsOf(renderReport('sarif', { kind: 'compliance', data: complianceFixture() })),
    ).toEqual([]);
  });
});
