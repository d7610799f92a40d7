// The committed bundle: fresh (built from the Rego as it is now), readable, and consistent with
// rules.json. Run policies/build.sh after changing any Rego.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support.js';
import { gzipSync } from 'node:zlib';
import {
  AGGREGATE_ENTRYPOINT,
  loadBundle,
  monkeyAggregateEntrypoint,
  parseBundle,
} from './bundle.js';
import { builtinBundlePath, builtinPoliciesDir } from './builtin-policies.js';
import { BundleError } from './errors.js';
import { collectPolicySources, hashPolicySources } from './policy-sources.js';
import { readTarGz } from './tar.js';

const policies = builtinPoliciesDir()!;

describe('the committed bundle', () => {
  it('was built from the current Rego (run policies/build.sh if not)', async () => {
    const bundle = await loadBundle(builtinBundlePath());
    const sources = hashPolicySources(await collectPolicySources(policies));
    expect(
      bundle.revision,
      'policies/bundle/bundle.tar.gz is older than the Rego: run policies/build.sh',
    ).toBe(sources);
  });

  it('matches rules.json', async () => {
    const bundle = await loadBundle(builtinBundlePath());
    const catalogue = JSON.parse(readFileSync(join(policies, 'bundle', 'rules.json'), 'utf8'));
    expect(catalogue.sourcesSha256).toBe(bundle.revision);
    expect(catalogue.rules).toEqual(bundle.rules);
  });

  it('has one entrypoint per family and the aggregate', async () => {
    const bundle = await loadBundle(builtinBundlePath());
    expect(bundle.entrypoints.sort()).toEqual(
      [
        'simian/aws/buckets/violations',
        'simian/aws/ebs/violations',
        'simian/aws/instances/violations',
        'simian/aws/network/violations',
        'simian/aws/resilience/violations',
        'simian/aws/securitygroups/violations',
        'simian/aws/sharing/violations',
        'simian/aws/tagging/violations',
        'simian/kubernetes/availability/violations',
        'simian/kubernetes/baseline/violations',
        'simian/kubernetes/exposure/violations',
        'simian/kubernetes/hardening/violations',
        'simian/kubernetes/healthchecks/violations',
        'simian/kubernetes/images/violations',
        'simian/kubernetes/network/violations',
        'simian/kubernetes/ownership/violations',
        'simian/kubernetes/rbac/violations',
        'simian/kubernetes/resources/violations',
        'simian/kubernetes/restricted/violations',
        'simian/kubernetes/secrets/violations',
        monkeyAggregateEntrypoint('conformity'),
        monkeyAggregateEntrypoint('security'),
        AGGREGATE_ENTRYPOINT,
      ].sort(),
    );
    expect(new Set(bundle.rules.map((r) => r.id)).size).toBe(bundle.rules.length);
  });

  it('hashes sources independently of line endings, and leaves tests out', async () => {
    const lf = tempDir('lf');
    const crlf = tempDir('crlf');
    const rego = 'package a\n\nviolations contains 1 if true\n';
    writeFileSync(join(lf, 'a.rego'), rego);
    writeFileSync(join(crlf, 'a.rego'), rego.replaceAll('\n', '\r\n'));
    writeFileSync(join(crlf, 'a_test.rego'), 'package a_test\n');
    writeFileSync(join(crlf, 'values.json'), '{}');
    const sources = await collectPolicySources(crlf);
    expect(sources.map((s) => s.path)).toEqual(['a.rego']);
    expect(hashPolicySources(sources)).toBe(hashPolicySources(await collectPolicySources(lf)));
  });
});

describe('readTarGz', () => {
  it('reads names longer than 100 characters (GNU and PAX)', () => {
    const dir = tempDir('tar');
    const long = `${'a'.repeat(60)}/${'b'.repeat(60)}.txt`;
    execFileSync('mkdir', ['-p', join(dir, 'a'.repeat(60))]);
    writeFileSync(join(dir, long), 'hello');
    for (const format of ['gnu', 'pax']) {
      const gz = execFileSync('tar', ['-czf', '-', `--format=${format}`, '-C', dir, long]);
      expect(new TextDecoder().decode(readTarGz(gz).get(long))).toBe('hello');
    }
  });

  it('rejects what is not a bundle', () => {
    expect(() => readTarGz(new Uint8Array([1, 2, 3]), 'x.tar.gz')).toThrow(BundleError);
    expect(() => parseBundle(gzipSync(new Uint8Array(1024)), 'empty.tar.gz')).toThrow(
      'empty.tar.gz has no policy.wasm',
    );
  });
});
