// compileRegoDir with the real opa, and the error that says how to get opa. `npm test` runs
// policies/test.sh first, which builds opa into the toolchain cache where findOpa() looks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support.js';
import { compileRegoDir } from './compile.js';
import { PolicyEngine } from './engine.js';
import { OpaNotFoundError, PolicyBuildError } from './errors.js';
import { findOpa, requireOpa } from './opa-binary.js';

const opa = findOpa();

function regoDir(files: Record<string, string>): string {
  const dir = tempDir('rego-test');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const cacheRule = `package acme.caches

import data.simian.lib.kubernetes as k8s

# METADATA
# title: Cache without a size limit
# custom:
#   id: ACME-CACHE-001
#   severity: high
#   remediation: Set the acme.dev/max-size annotation.
violations contains v if {
	some r in input.resources
	k8s.is_workload(r)
	r.labels.role == "cache"
	not r.annotations["acme.dev/max-size"]
	v := {"rule": rego.metadata.rule().custom.id, "ref": r.ref, "message": sprintf("%s has no size limit", [r.name])}
}
`;

const deployment: Resource = {
  ref: 'k8s:test/shop/Deployment/redis',
  provider: 'kubernetes',
  kind: 'Deployment',
  name: 'redis',
  namespace: 'shop',
  labels: { role: 'cache' },
  annotations: {},
  raw: { spec: { template: { spec: { containers: [] } } } },
};

describe('compileRegoDir (with opa)', () => {
  it('finds opa', () => {
    expect(
      opa,
      'no opa: run packages/sandbox/toolchain/build.sh opa (policies/test.sh does)',
    ).toBeDefined();
  });

  it('builds a user directory, with Simian helpers, into a bundle the engine evaluates', async () => {
    const bundle = await compileRegoDir(
      regoDir({
        'caches/caches.rego': cacheRule,
        'caches/caches_test.rego': 'package acme.caches_test\n',
      }),
    );
    expect(bundle.entrypoints.sort()).toEqual([
      'acme/caches/violations',
      'simian_aggregate/violations',
    ]);
    expect(bundle.rules).toMatchObject([
      { id: 'ACME-CACHE-001', severity: 'high', entrypoint: 'acme/caches/violations' },
    ]);
    const engine = await PolicyEngine.create({ bundles: [bundle] });
    const findings = await engine.evaluate([deployment, { ...deployment, ref: 'x', labels: {} }]);
    expect(findings).toMatchObject([
      {
        ruleId: 'ACME-CACHE-001',
        severity: 'high',
        message: 'redis has no size limit',
        title: 'Cache without a size limit',
      },
    ]);
  });

  it('gives each monkey an aggregate when the rules belong to several', async () => {
    const exposedRule = `package acme.exposure

# METADATA
# title: Cache port open to the world
# custom:
#   id: ACME-SEC-001
#   severity: critical
#   monkey: security
#   provider: kubernetes
#   kinds: [Deployment]
violations contains v if {
	some r in input.resources
	r.labels.role == "cache"
	v := {"rule": rego.metadata.rule().custom.id, "ref": r.ref, "message": "open"}
}
`;
    const bundle = await compileRegoDir(
      regoDir({ 'caches/caches.rego': cacheRule, 'exposure/exposure.rego': exposedRule }),
    );
    expect(bundle.entrypoints.sort()).toEqual([
      'acme/caches/violations',
      'acme/exposure/violations',
      'simian_aggregate/monkey/conformity',
      'simian_aggregate/monkey/security',
      'simian_aggregate/violations',
    ]);
    expect(bundle.rules).toMatchObject([
      { id: 'ACME-CACHE-001', monkey: 'conformity', kinds: [] },
      { id: 'ACME-SEC-001', monkey: 'security', provider: 'kubernetes', kinds: ['Deployment'] },
    ]);
    const security = await PolicyEngine.create({ bundles: [bundle], forMonkey: 'security' });
    const conformity = await PolicyEngine.create({ bundles: [bundle], forMonkey: 'conformity' });
    expect((await security.evaluate([deployment])).map((f) => f.ruleId)).toEqual(['ACME-SEC-001']);
    expect((await conformity.evaluate([deployment])).map((f) => f.ruleId)).toEqual([
      'ACME-CACHE-001',
    ]);
  });

  it('rejects builtins that opa-wasm cannot evaluate, at build time', async () => {
    const dir = regoDir({
      'p.rego':
        'package acme.clock\n\nviolations contains {"rule": "X", "ref": "y", "message": "z"} if time.now_ns() > 0\n',
    });
    const error = await compileRegoDir(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBuildError);
    expect((error as Error).message).toMatch(/time\.now_ns/);
  });

  it('says when no package defines violations', async () => {
    await expect(
      compileRegoDir(regoDir({ 'p.rego': 'package acme.empty\n\nx := 1\n' })),
    ).rejects.toThrow('defines a rule named violations');
  });
});

describe('without opa', () => {
  it('compiling says that opa is needed and how to get it', () => {
    const env = { PATH: '', SIMIAN_CACHE_DIR: tempDir('empty-cache') };
    expect(findOpa(env)).toBeUndefined();
    const error = (() => {
      try {
        return requireOpa('compiling the Rego in ./rules', env);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OpaNotFoundError);
    expect((error as OpaNotFoundError).message).toBe(
      'compiling the Rego in ./rules needs the opa binary, but none was found',
    );
    expect((error as OpaNotFoundError).hint).toMatch(
      /go install github\.com\/open-policy-agent\/opa@v1.*SIMIAN_OPA.*policy\.bundles/s,
    );
  });
});
