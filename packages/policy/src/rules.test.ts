// Every built-in rule, evaluated by the real committed bundle in opa-wasm: it fires on its
// failing fixture and stays quiet on its passing one (test/fixtures/rules/<RULE-ID>/).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, builtinBundle, builtinEngine, loadFixture } from '../test/support.js';
import { builtinPoliciesDir } from './builtin-policies.js';
import type { PolicyEngine } from './engine.js';
import { loadManifests } from './manifests.js';

const bundle = await builtinBundle();
let engine: PolicyEngine;

beforeAll(async () => {
  engine = await builtinEngine();
});

async function firedRules(file: string): Promise<string[]> {
  const findings = await engine.evaluate(await loadFixture(file));
  return findings.map((f) => f.ruleId);
}

describe.each(bundle.rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const dir = join(FIXTURES, 'rules', id);

  it('has a failing and a passing fixture', () => {
    expect(existsSync(join(dir, 'fail.yaml')), `${dir}/fail.yaml`).toBe(true);
    expect(existsSync(join(dir, 'pass.yaml')), `${dir}/pass.yaml`).toBe(true);
  });

  it('has a failing and a passing opa test', () => {
    const family = rule.entrypoint.split('/').slice(1, -1).join('/');
    const name = family.split('/').at(-1)!;
    const rego = readFileSync(join(builtinPoliciesDir()!, family, `${name}_test.rego`), 'utf8');
    const [, area, number] = /^[A-Z0-9]+-([A-Z]+)-(\d+)$/.exec(id)!;
    const prefix = `test_${area!.toLowerCase()}_${number}_`;
    expect(rego, `${family}/${name}_test.rego: ${prefix}..._fails`).toMatch(
      new RegExp(`^${prefix}\\w*_fails? if`, 'm'),
    );
    expect(rego, `${family}/${name}_test.rego: ${prefix}..._passes`).toMatch(
      new RegExp(`^${prefix}\\w*_pass(es)? if`, 'm'),
    );
  });

  it('fires on fail.yaml', async () => {
    expect(await firedRules(join(dir, 'fail.yaml'))).toContain(id);
  });

  it('does not fire on pass.yaml', async () => {
    expect(await firedRules(join(dir, 'pass.yaml'))).not.toContain(id);
  });
});

describe('the built-in rules', () => {
  it('find nothing in a clean app', async () => {
    // The clean app is the conformity rules' clean app; hardened-app is everyone's.
    const conformity = await builtinEngine({ forMonkey: 'conformity' });
    const findings = await conformity.evaluate(await loadManifests([join(FIXTURES, 'clean-app')]));
    expect(findings).toEqual([]);
  });

  it('find nothing in a hardened app, the security rules included', async () => {
    const findings = await engine.evaluate(await loadManifests([join(FIXTURES, 'hardened-app')]));
    expect(findings).toEqual([]);
  });

  it('carry complete METADATA', () => {
    for (const rule of bundle.rules) {
      expect(rule.id, rule.id).toMatch(/^(K8S|AWS)-[A-Z]+-\d{3}$/);
      expect(rule.title.length, `${rule.id} title`).toBeGreaterThan(10);
      expect(rule.description?.length ?? 0, `${rule.id} description`).toBeGreaterThan(40);
      expect(rule.remediation?.length ?? 0, `${rule.id} remediation`).toBeGreaterThan(20);
      expect(rule.frameworks.length, `${rule.id} frameworks`).toBeGreaterThan(0);
      expect(rule.entrypoint, rule.id).toMatch(/^simian\/(kubernetes|aws)\/[a-z]+\/violations$/);
      expect(rule.provider, `${rule.id} provider`).toBe(
        rule.id.startsWith('AWS-') ? 'aws' : 'kubernetes',
      );
      expect(['conformity', 'security'], `${rule.id} monkey`).toContain(rule.monkey);
      if (rule.monkey === 'security') {
        expect(rule.kinds.length, `${rule.id} kinds`).toBeGreaterThan(0);
      }
    }
  });

  it('map every security rule to frameworks reports can score by', () => {
    const known =
      /^(pss:(baseline|restricted)|cis-kubernetes-1\.12|cis-aws-foundations-3\.0|nsa-cisa-kubernetes-hardening|trivy|kubescape|prowler|polaris|checkov|kube-score):/;
    for (const rule of bundle.rules.filter((r) => r.monkey === 'security')) {
      for (const framework of rule.frameworks) expect(framework, rule.id).toMatch(known);
      const scored =
        rule.provider === 'aws'
          ? /^(cis-aws-foundations-3\.0|prowler|trivy):/
          : /^(cis-kubernetes-1\.12|pss|nsa-cisa-kubernetes-hardening|kubescape|trivy):/;
      expect(
        rule.frameworks.some((f) => scored.test(f)),
        `${rule.id} maps to a benchmark`,
      ).toBe(true);
    }
  });

  it('produce findings with the rule METADATA and the resource summary', async () => {
    const [finding] = await engine.evaluate(
      await loadFixture(join(FIXTURES, 'rules', 'K8S-EXPO-001', 'fail.yaml')),
      { monkey: 'security' },
    );
    expect(finding).toMatchObject({
      ruleId: 'K8S-EXPO-001',
      severity: 'critical',
      monkey: 'security',
      title: 'Admin or debug port exposed outside the cluster',
      resource: { kind: 'Service', name: 'api', namespace: 'shop', provider: 'kubernetes' },
      evidence: { type: 'LoadBalancer', port: { name: 'pprof', port: 6060, targetPort: 6060 } },
    });
    expect(finding?.message).toBe(
      'Service api (an internet-facing LoadBalancer) exposes port 6060 (pprof), whose name has the word pprof',
    );
  });

  it('take parameters from the caller', async () => {
    const resources = await loadFixture(join(FIXTURES, 'rules', 'K8S-RES-002', 'pass.yaml'));
    const strict = await engine.evaluate(resources, {
      params: { required_limits: ['cpu', 'memory'] },
    });
    expect(strict.map((f) => f.ruleId)).toContain('K8S-RES-002');
  });
});
