// scanManifests and its output formats (the reporters of @simian/reporting), over real fixtures
// and the real bundle.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jsonReporter, renderReport } from '@simian/reporting';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../test/support.js';
import { failsAt } from './fails-at.js';
import { type ScanResult, scanManifests } from './scan.js';

/** A scan as `simian scan --output FORMAT` renders it, through the reporters of @simian/reporting. */
const render = (format: string, result: ScanResult, options?: unknown) =>
  renderReport(format, { kind: 'findings', data: result }, options);

const now = new Date('2026-06-15T12:00:00Z');
const deployment = join(FIXTURES, 'manifests', 'dir', 'deployment.yaml');
const exposed = join(FIXTURES, 'rules', 'K8S-EXPO-001', 'fail.yaml');

async function scan(): Promise<ScanResult> {
  return scanManifests([deployment, exposed, join(FIXTURES, 'clean-app')], {
    now,
    failOn: 'high',
    config: {
      waivers: [
        {
          rule: 'K8S-IMG-001',
          ref: `manifest:${deployment}/shop/Deployment/web`,
          owner: 'team-shop',
          justification: 'vendor image',
          approver: 'alice',
          ticket: 'OPS-42',
          expires: '2026-07-01',
        },
      ],
    },
  });
}

/** Checks that every tag is closed in order: enough to catch broken XML without a parser. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClose] of xml.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (selfClose) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else {
      stack.push(name!);
    }
  }
  return stack.length === 0;
}

describe('scanManifests', () => {
  it('finds the problems, with file and line, and summarises them', async () => {
    const result = await scan();
    expect(result.summary).toEqual({
      files: 3,
      resources: 7,
      rules: 15,
      findings: 5,
      bySeverity: { info: 0, low: 1, medium: 3, high: 0, critical: 1 },
      waived: 1,
      expiredWaivers: 0,
      failOn: 'high',
      failed: true,
    });
    const expo = result.findings.find((f) => f.ruleId === 'K8S-EXPO-001');
    expect(expo?.location).toEqual({ file: exposed, line: 2 });
    expect(result.resources.filter((r) => r.location?.file.includes('clean-app'))).toHaveLength(5);
  });

  it('decides the exit code from unwaived findings at or above a severity', async () => {
    const { findings } = await scan();
    expect(failsAt(findings, 'critical')).toBe(true);
    const withoutExpo = findings.filter((f) => f.ruleId !== 'K8S-EXPO-001');
    expect(failsAt(withoutExpo, 'high')).toBe(false);
    expect(failsAt(withoutExpo, 'medium')).toBe(true);
    expect(
      failsAt(
        withoutExpo.filter((f) => f.ruleId !== 'K8S-IMG-001' || f.waiver),
        'info',
      ),
    ).toBe(true);
    expect(
      failsAt([{ ...findings[0]!, severity: 'critical', waiver: { by: 'annotation' } }], 'low'),
    ).toBe(false);
  });
});

describe('a document the rules cannot be evaluated on', () => {
  it('is one finding about that document, and the other documents are judged as usual', async () => {
    const file = join(FIXTURES, 'manifests', 'wrong-type', 'replicas-string.yaml');
    const result = await scanManifests([file], { now });
    const failed = result.findings.filter((f) => f.ruleId === 'SIMIAN-EVALUATION-FAILED');
    expect(failed.map((f) => [f.resource.name, f.location])).toEqual([['web', { file, line: 2 }]]);
    expect(failed[0]!.message).toContain('expecting number but found string');
    expect(result.findings.filter((f) => f.resource.name === 'api').map((f) => f.ruleId)).toContain(
      'K8S-IMG-001',
    );
    expect(result.rules.map((r) => r.id)).toContain('SIMIAN-EVALUATION-FAILED');
  });
});

describe('formats', () => {
  it('json has exactly the documented shape', async () => {
    const out = JSON.parse(render('json', await scan())) as {
      findings: Array<Record<string, unknown>>;
      summary: unknown;
    };
    expect(Object.keys(out)).toEqual(['findings', 'summary']);
    for (const f of out.findings) {
      expect(Object.keys(f).filter((k) => k !== 'waiver' && k !== 'title')).toEqual([
        'ruleId',
        'severity',
        'resource',
        'message',
      ]);
      expect(Object.keys(f['resource'] as object)).toEqual(['ref', 'kind', 'name', 'namespace']);
    }
    expect(out.findings.find((f) => f['ruleId'] === 'K8S-IMG-001')).toMatchObject({
      severity: 'medium',
      resource: { kind: 'Deployment', name: 'web', namespace: 'shop' },
      waiver: { by: 'config', owner: 'team-shop', ticket: 'OPS-42' },
    });
  });

  it('table aligns columns, puts the worst first and waived last', async () => {
    const lines = render('table', await scan())
      .trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+RULE\s+RESOURCE\s+WHERE\s+MESSAGE$/);
    expect(lines[1]).toMatch(
      /^critical\s+K8S-EXPO-001\s+shop\/Service\/api\s+\S+fail\.yaml:2\s+Service api/,
    );
    expect(lines[6]).toMatch(/^medium \(waived\)\s+K8S-IMG-001/);
    const ruleColumn = lines[0]!.indexOf('RULE');
    expect(lines.slice(1, 7).every((l) => l[ruleColumn - 1] === ' ' && l[ruleColumn] !== ' ')).toBe(
      true,
    );
    expect(lines.at(-1)).toBe(
      '5 findings (1 critical, 3 medium, 1 low), 1 waived in 7 resources from 3 files, 15 rules; failing at high or worse',
    );
  });

  it('junit has a suite per rule, failures, skipped waivers and passing resources', async () => {
    const xml = render('junit', await scan());
    expect(wellFormed(xml)).toBe(true);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="simian scan" tests="11" failures="5" errors="0" skipped="1">/,
    );
    expect(xml).toContain(
      '<testsuite name="K8S-EXPO-001: Admin or debug port exposed outside the cluster" tests="1" failures="1"',
    );
    expect(xml).toContain(
      '<failure message="Service api (an internet-facing LoadBalancer) exposes port 6060 (pprof), whose name has the word pprof" type="critical">',
    );
    expect(xml).toContain(
      '<skipped message="waived by the waiver list, owner team-shop, ticket OPS-42: vendor image"/>',
    );
    expect(xml).toContain('<testsuite name="conforming" tests="5"');
  });

  it('sarif 2.1.0 has rules, results with locations, and suppressions', async () => {
    const sarif = JSON.parse(render('sarif', await scan(), { version: '0.1.0' }));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'simian', version: '0.1.0' });
    expect(run.tool.driver.rules).toHaveLength(15);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
    const expo = run.results.find((r: { ruleId: string }) => r.ruleId === 'K8S-EXPO-001');
    expect(expo.level).toBe('error');
    expect(expo.locations[0].physicalLocation.artifactLocation.uri).toBe(
      pathToFileURL(exposed).href,
    );
    const waived = run.results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(waived).toHaveLength(1);
    expect(waived[0].suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted' });
  });

  it('renderReport picks the reporter by name', async () => {
    const result = await scan();
    expect(render('json', result)).toBe(
      jsonReporter.render({ kind: 'findings', data: result }, {}),
    );
    expect(() => render('yaml', result)).toThrow('unknown output format "yaml"');
  });
});
