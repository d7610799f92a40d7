// SARIF 2.1.0, checked against the parts of the standard that code-scanning tools read.
import { describe, expect, it } from 'vitest';
import { monkeyFinding, scanFindings } from '../__fixtures__/reports.js';
import { findingsReport, type FindingsReport, type ReportFinding } from '../data/findings.js';
import { renderReport } from '../registry.js';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
    logicalLocations: Array<{ fullyQualifiedName: string; kind: string }>;
  }>;
  suppressions?: Array<{ kind: string; status: string; justification?: string }>;
}
interface Sarif {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version?: string; rules: Array<Record<string, unknown>> } };
    results: SarifResult[];
  }>;
}

function sarif(data: FindingsReport | ReportFinding[], options?: unknown): Sarif {
  const report = Array.isArray(data) ? findingsReport(data) : data;
  return JSON.parse(renderReport('sarif', { kind: 'findings', data: report }, options)) as Sarif;
}

describe('sarif', () => {
  it('is SARIF 2.1.0: one run, the rules, a result per finding pointing at its rule', () => {
    const out = sarif(scanFindings(), { version: '1.2.3' });
    expect(out.version).toBe('2.1.0');
    expect(out.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(out.runs).toHaveLength(1);
    const [run] = out.runs;
    expect(run!.tool.driver).toMatchObject({ name: 'simian', version: '1.2.3' });
    expect(run!.tool.driver.rules.map((r) => r['id'])).toEqual(['K8S-AVAIL-001', 'K8S-IMG-001']);
    expect(run!.tool.driver.rules[0]).toMatchObject({
      shortDescription: { text: 'No PodDisruptionBudget' },
      help: { text: 'Add a PodDisruptionBudget.' },
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', tags: ['polaris:pdb'], enforceable: false },
    });
    for (const r of run!.results) {
      expect(run!.tool.driver.rules[r.ruleIndex!]!['id']).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
    }
  });

  it('locates findings: relative files stay relative, absolute ones become file URLs', () => {
    const [located, waived] = sarif(scanFindings()).runs[0]!.results;
    expect(located!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/web.yaml' },
      region: { startLine: 3 },
    });
    expect(waived!.locations[0]!.physicalLocation!.artifactLocation.uri).toBe(
      'file:///abs/deploy/web.yaml',
    );
    expect(waived!.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'vendor image; owner team-shop; ticket OPS-42',
      },
    ]);
  });

  it("renders any monkey's findings: no file, so a logical location with the ref", () => {
    const [result] = sarif([monkeyFinding]).runs[0]!.results;
    expect(result).toEqual({
      ruleId: 'K8S-AVAIL-001',
      level: 'error',
      message: { text: 'web-1 has no PodDisruptionBudget' },
      locations: [
        { logicalLocations: [{ fullyQualifiedName: 'k8s:test/shop/Pod/web-1', kind: 'resource' }] },
      ],
      properties: { severity: 'high', resource: monkeyFinding.resource },
    });
  });
});
