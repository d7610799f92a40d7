// JUnit XML, read back as XML: the counts CI systems show add up, and each case says why.
import { describe, expect, it } from 'vitest';
import { monkeyFinding, scanFindings } from '../__fixtures__/reports.js';
import { parseXml, type XmlElement } from '../__fixtures__/xml.js';
import { findingsReport } from '../data/findings.js';
import { renderReport } from '../registry.js';

const count = (el: XmlElement, attr: string) => Number(el.attributes[attr]);

describe('junit', () => {
  it('a suite per rule, a case per resource, skipped waivers, passing clean resources', () => {
    const root = parseXml(renderReport('junit', { kind: 'findings', data: scanFindings() }));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({
      name: 'simian scan',
      tests: '3',
      failures: '1',
      errors: '0',
      skipped: '1',
    });
    expect(root.children.map((s) => s.attributes['name'])).toEqual([
      'K8S-AVAIL-001: No PodDisruptionBudget',
      'K8S-IMG-001: Mutable image tag',
      'conforming',
    ]);
    for (const suite of root.children) {
      expect(suite.name).toBe('testsuite');
      const cases = suite.children;
      expect(cases.every((c) => c.name === 'testcase')).toBe(true);
      expect(count(suite, 'tests')).toBe(cases.length);
      const failing = cases.filter((c) => c.children.some((x) => x.name === 'failure'));
      const skipped = cases.filter((c) => c.children.some((x) => x.name === 'skipped'));
      expect(count(suite, 'failures')).toBe(failing.length);
      expect(count(suite, 'skipped')).toBe(skipped.length);
    }
    const [avail, image, clean] = root.children;
    const failure = avail!.children[0]!.children[0]!;
    expect(avail!.children[0]!.attributes).toMatchObject({
      classname: 'K8S-AVAIL-001',
      name: 'k8s:test/shop/Pod/web-1',
      file: 'deploy/web.yaml',
      line: '3',
    });
    expect(failure.attributes).toEqual({
      message: 'web-1 has no PodDisruptionBudget',
      type: 'high',
    });
    expect(failure.text).toBe(
      'web-1 has no PodDisruptionBudget\nremediation: Add a PodDisruptionBudget.',
    );
    expect(image!.children[0]!.children[0]!.attributes['message']).toBe(
      'waived by the waiver list, owner team-shop, ticket OPS-42: vendor image',
    );
    expect(clean!.children.map((c) => c.attributes['name'])).toEqual(['k8s:test/shop/Pod/db-1']);
  });

  it("renders any monkey's findings, and escapes what XML cannot hold as is", () => {
    const odd = { ...monkeyFinding, message: 'a <b> & "c" \u0007' };
    const root = parseXml(
      renderReport('junit', { kind: 'findings', data: findingsReport([odd]) }, { name: 'run' }),
    );
    expect(root.attributes).toMatchObject({ name: 'run', tests: '1', failures: '1' });
    const failure = root.children[0]!.children[0]!.children[0]!;
    expect(failure.attributes['message']).toBe('a <b> & "c" ');
  });
});
