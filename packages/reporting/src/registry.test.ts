// The reporters map as a whole: each entry is whole and named as it is registered, and the formats a
// command accepts follow from the kinds it makes.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scanFindings } from './__fixtures__/reports.js';
import { allReporters, formatsFor, renderReport, reporterNamed } from './registry.js';
import type { Report } from './report.js';
import { defineReporter } from './reporter.js';
import { reporters } from './reporters/index.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected it to throw');
}

describe('the reporters map', () => {
  it.each(Object.entries(reporters))(
    '%s is registered under its own name and is whole',
    (key, r) => {
      expect(r.name).toBe(key);
      expect(r.description.length).toBeGreaterThan(10);
      // Defaults for all it can do without; a typo in an option is an error, not ignored.
      const least: Record<string, unknown> =
        {
          webhook: { url: 'http://127.0.0.1:1/hook' },
          s3: { bucket: 'reports' },
          files: { files: [{ format: 'html', path: 'report.html' }] },
        }[r.name] ?? {};
      expect(r.options.safeParse(least).success).toBe(true);
      expect(r.options.safeParse({ ...least, noSuchOption: true }).success).toBe(false);
      // It either renders something or delivers events; never neither.
      expect(r.kinds.length > 0 || r.live !== undefined).toBe(true);
    },
  );

  it('holds the built-ins, in order: formats, then sinks', () => {
    expect(allReporters().map((r) => r.name)).toEqual([
      'table',
      'json',
      'junit',
      'sarif',
      'markdown',
      'html',
      'pdf',
      'csv',
      'ocsf',
      'policyreport',
      'openreports',
      'webhook',
      'slack',
      'files',
      's3',
      'cluster-reports',
      'metrics',
    ]);
  });

  it('gives each kind the formats that render it', () => {
    // Every report with findings renders in every findings format, through the one model.
    const findingsFormats = [
      'table',
      'json',
      'junit',
      'sarif',
      'markdown',
      'html',
      'pdf',
      'csv',
      'ocsf',
      'policyreport',
      'openreports',
    ];
    expect(formatsFor(['plan'])).toEqual(findingsFormats);
    expect(formatsFor(['findings'])).toEqual(findingsFormats);
    expect(formatsFor(['compliance'])).toEqual(findingsFormats);
    expect(formatsFor(['journals'])).toEqual(['table', 'json', 'markdown', 'html', 'pdf']);
    expect(formatsFor(['runs', 'ledger', 'recoveries'])).toEqual(['table', 'json']);
    expect(formatsFor(['config-schema'])).toEqual(['json']);
    expect(formatsFor([])).toEqual([]);
  });

  it('refuses a format that does not render the kind, naming the ones that do', () => {
    const report: Report = { kind: 'runs', data: [] };
    expect(() => renderReport('sarif', report)).toThrow('unknown output format "sarif" for runs');
    expect(thrown(() => renderReport('yaml', report))).toMatchObject({
      code: 'INPUT_INVALID',
      hint: 'use one of table, json',
    });
    expect(() => reporterNamed('teams')).toThrow('there is no reporter named "teams"');
  });

  it('reads options strictly, naming the reporter and the field', () => {
    const report = {
      kind: 'findings',
      data: { findings: [], summary: {}, resources: [], rules: [] },
    };
    expect(() => renderReport('sarif', report as never, { version: 3 })).toThrow(
      'options of the sarif reporter: version:',
    );
  });

  it('a new reporter is one definition: its kinds come from what it renders', () => {
    const spec = {
      name: 'ref-lines',
      description: 'one resource ref per line',
      options: z.strictObject({}),
      render: {
        findings: (r: Report<'findings'>) =>
          r.data.findings.map((f) => `${f.resource.ref}\n`).join(''),
      },
    };
    const lines = defineReporter(spec);
    expect(lines.kinds).toEqual(['findings']);
    expect(lines.render({ kind: 'findings', data: scanFindings() }, {})).toBe(
      'k8s:test/shop/Pod/web-1\nk8s:test/shop/Pod/web-1\n',
    );
    expect(() => defineReporter({ ...spec, name: 'Lines' })).toThrow(
      'reporter name "Lines" must be lower-case',
    );
  });
});
