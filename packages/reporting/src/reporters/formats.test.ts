// Every findings format renders the one prepared report, so they agree on what is open, waived,
// resolved and hidden (kubescape's console and SARIF disagree; Simian's must not).
import { findingId } from '@simian/core';
import { parse as parseJunit } from 'junit2json';
import { describe, expect, it } from 'vitest';
import {
  bucket,
  clusterAdmin,
  complianceFixture,
  formula,
  muted,
  privileged,
  resolvedLater,
  waived,
} from '../__fixtures__/compliance.js';
import { renderReport } from '../registry.js';
import type { Report } from '../report.js';

const report = complianceFixture();
const render = (format: string) =>
  renderReport(format, { kind: 'compliance', data: report } as Report);
const sorted = (xs: Iterable<string>) => [...xs].sort();
const OPEN = sorted([privileged, formula, bucket, clusterAdmin].map(findingId));
const WAIVED = [findingId(waived)];
const RESOLVED = [findingId(resolvedLater)];

describe('the formats agree', () => {
  it('the report itself: statuses decided once, mutes hidden, changes against the last run', () => {
    const by = (status: string) =>
      sorted(report.findings.filter((f) => f.status === status).map((f) => f.id));
    expect(by('open')).toEqual(OPEN);
    expect(by('waived')).toEqual(WAIVED);
    expect(by('resolved')).toEqual(RESOLVED);
    expect(report.summary).toMatchObject({
      open: 4,
      waived: 1,
      resolved: 1,
      muted: 1,
      new: 1,
      regressed: 0,
    });
    expect(report.findings.find((f) => f.id === findingId(clusterAdmin))!.change).toBe('new');
  });

  it('json, csv, html and markdown', () => {
    const json = JSON.parse(render('json')) as { findings: Array<{ id: string; status: string }> };
    expect(sorted(json.findings.filter((f) => f.status === 'open').map((f) => f.id))).toEqual(OPEN);

    const rows = render('csv')
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'status', 'change']);
    expect(sorted(rows.filter((r) => r[1] === 'open').map((r) => r[0]!))).toEqual(OPEN);
    expect(rows.filter((r) => r[1] === 'waived').map((r) => r[0])).toEqual(WAIVED);

    const html = render('html');
    const data = JSON.parse(
      /<script type="application\/json" id="simian-data">(.*?)<\/script>/s.exec(html)![1]!,
    ) as {
      f: Array<{ i: string; st: string }>;
    };
    expect(sorted(data.f.filter((f) => f.st === 'open').map((f) => f.i))).toEqual(OPEN);
    expect(data.f.filter((f) => f.st === 'resolved').map((f) => f.i)).toEqual(RESOLVED);

    const md = render('markdown');
    expect(md.match(/^\| (critical|high|medium|low) \| open/gm)).toHaveLength(4);
    expect(md).toContain('| medium | waived |');
    for (const text of [json, rows, html, md].map((x) => JSON.stringify(x))) {
      expect(text).not.toContain(findingId(muted));
      expect(text).not.toContain('noisy');
    }
  });

  it('sarif: open results, the waived one suppressed, no resolved or muted one', () => {
    const sarif = JSON.parse(render('sarif')) as {
      runs: Array<{
        results: Array<{
          partialFingerprints: Record<string, string>;
          suppressions?: unknown[];
          baselineState?: string;
        }>;
      }>;
    };
    const results = sarif.runs[0]!.results;
    const id = (r: (typeof results)[number]) => r.partialFingerprints['simianFindingId/v1']!;
    expect(sorted(results.filter((r) => !r.suppressions).map(id))).toEqual(OPEN);
    expect(results.filter((r) => r.suppressions).map(id)).toEqual(WAIVED);
    expect(results.filter((r) => r.baselineState === 'new').map(id)).toEqual([
      findingId(clusterAdmin),
    ]);
    expect(results).toHaveLength(5);
  });

  it('junit, read by a JUnit parser: failing, skipped and passing cases per rule and resource', async () => {
    const parsed = (await parseJunit(render('junit'))) as {
      tests?: number;
      failures?: number;
      testsuite?: Array<{
        name?: string;
        testcase?: Array<{
          classname?: string;
          name?: string;
          failure?: unknown[];
          skipped?: unknown[];
        }>;
      }>;
    };
    const cases = (parsed.testsuite ?? []).flatMap((s) => s.testcase ?? []);
    const failing = cases.filter((c) => c.failure).map((c) => `${c.classname} ${c.name}`);
    expect(sorted(failing)).toEqual(
      sorted(
        [privileged, formula, bucket, clusterAdmin].map((f) => `${f.ruleId} ${f.resource.ref}`),
      ),
    );
    expect(cases.filter((c) => c.skipped).map((c) => c.name)).toEqual([waived.resource.ref]);
    expect(parsed.failures).toBe(4);
    expect(parsed.tests).toBe(cases.length);
  });

  it('ocsf: New, Suppressed and Resolved detection findings', () => {
    const ocsf = JSON.parse(render('ocsf')) as Array<{
      class_uid: number;
      type_uid: number;
      status_id: number;
      finding_info: { uid: string };
      cloud?: unknown;
    }>;
    expect(new Set(ocsf.map((o) => `${o.class_uid}/${o.type_uid}`))).toEqual(
      new Set(['2004/200401']),
    );
    const with_ = (s: number) =>
      sorted(ocsf.filter((o) => o.status_id === s).map((o) => o.finding_info.uid));
    expect(with_(1)).toEqual(OPEN);
    expect(with_(3)).toEqual(WAIVED);
    expect(with_(4)).toEqual(RESOLVED);
    expect(ocsf.find((o) => o.finding_info.uid === findingId(bucket))!.cloud).toMatchObject({
      provider: 'AWS',
      region: 'eu-west-1',
    });
  });

  it('policyreport and openreports: fail for open, skip for waived, one object per namespace and one cluster-scoped', () => {
    for (const [format, api, kinds] of [
      [
        'policyreport',
        'wgpolicyk8s.io/v1alpha2',
        ['ClusterPolicyReport', 'PolicyReport', 'PolicyReport'],
      ],
      ['openreports', 'openreports.io/v1alpha1', ['ClusterReport', 'Report', 'Report']],
    ] as const) {
      const list = JSON.parse(render(format)) as {
        kind: string;
        items: Array<{
          apiVersion: string;
          kind: string;
          metadata: { name: string; namespace?: string };
          summary: Record<string, number>;
          results: Array<{ result: string; policy: string; properties: Record<string, string> }>;
        }>;
      };
      expect(list.kind).toBe('List');
      expect(list.items.map((o) => o.kind)).toEqual(kinds);
      expect(list.items.map((o) => o.metadata.namespace)).toEqual([undefined, 'payments', 'shop']);
      expect(new Set(list.items.map((o) => o.apiVersion))).toEqual(new Set([api]));
      const results = list.items.flatMap((o) => o.results);
      // AWS findings have no place in a cluster's reports.
      expect(
        sorted(results.filter((r) => r.result === 'fail').map((r) => r.properties['findingId']!)),
      ).toEqual(sorted([privileged, formula, clusterAdmin].map(findingId)));
      expect(
        results.filter((r) => r.result === 'skip').map((r) => r.properties['findingId']),
      ).toEqual(WAIVED);
      for (const o of list.items) {
        expect(o.summary['fail']! + o.summary['skip']!).toBe(o.results.length);
      }
    }
  });
});

describe('what the formats protect', () => {
  it('html: one file that loads nothing, and data that cannot close its script', () => {
    const html = render('html');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none';`,
    );
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/url\(/);
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('csv: a cell a spreadsheet would run as a formula is made text', () => {
    const line = render('csv')
      .split('\r\n')
      .find((l) => l.startsWith(findingId(formula)))!;
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""image uses latest"")"`);
  });
});
