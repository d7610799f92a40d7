// `simian scan` without a cluster: the sandbox's seed manifests, as files on disk and on stdin.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failsAt, scanManifests } from '@simian/policy';
import { describe, expect, it } from 'vitest';

/**
 * The seed manifests `simian sandbox seed` applies (what `kubernetesSeedDir()` of @simian/sandbox
 * returns). Not imported from there: that package brings the AWS SDK into the test worker, whose
 * `module` export condition resolves @aws-sdk/core to its extension-less ES build.
 */
const kubernetesSeedDir = () =>
  fileURLToPath(new URL('../../sandbox/seed/kubernetes', import.meta.url));

const where = (ref: string) => ref.replace(/^manifest:.*\/seed\/kubernetes\/[^/]+\.yaml\//, '');

describe('scanning the sandbox seed manifests', () => {
  it('finds the seeded problems', async () => {
    const result = await scanManifests([kubernetesSeedDir()]);
    const found = result.findings.map((f) => `${f.ruleId} ${where(f.resource.ref)}`);
    expect(found).toEqual(
      expect.arrayContaining([
        // storefront: the admin interface exposed by an internet-facing LoadBalancer
        'K8S-EXPO-001 storefront/Service/storefront-public',
        // storefront: the 1-replica cart without resources or probes
        'K8S-RES-001 storefront/Deployment/cart',
        'K8S-HEALTH-001 storefront/Deployment/cart',
        // playground: nobody owns it, and a pod runs nginx:latest
        'K8S-OWN-001 playground/Deployment/legacy-api',
        'K8S-IMG-001 playground/Pod/scratch',
        // ledger: 3 replicas without a PodDisruptionBudget or spreading
        'K8S-AVAIL-002 ledger/StatefulSet/ledger-db',
        'K8S-AVAIL-003 ledger/StatefulSet/ledger-db',
      ]),
    );
    expect(result.summary.files).toBeGreaterThanOrEqual(5);
    expect(failsAt(result.findings, 'critical')).toBe(true);
  });

  it('finds nothing in the clean app', async () => {
    const result = await scanManifests([kubernetesSeedDir()]);
    const payments = result.resources.filter((r) => r.namespace === 'payments');
    expect(payments.length).toBeGreaterThan(3);
    expect(result.findings.filter((f) => f.resource.namespace === 'payments')).toEqual([]);
    const alone = await scanManifests([join(kubernetesSeedDir(), 'payments.yaml')]);
    expect(alone.findings).toEqual([]);
    expect(failsAt(alone.findings, 'low')).toBe(false);
  });

  it('reads the same manifests from stdin, as one multi-document stream', async () => {
    const files = (await readdir(kubernetesSeedDir())).filter((f) => f.endsWith('.yaml')).sort();
    const text = (
      await Promise.all(files.map((f) => readFile(join(kubernetesSeedDir(), f), 'utf8')))
    ).join('\n---\n');
    const fromDisk = await scanManifests([kubernetesSeedDir()]);
    const fromStdin = await scanManifests(['-'], { stdin: text });
    const key = (f: {
      ruleId: string;
      resource: { kind: string; name: string; namespace?: string };
    }) => `${f.ruleId} ${f.resource.namespace}/${f.resource.kind}/${f.resource.name}`;
    expect(fromStdin.findings.map(key).sort()).toEqual(fromDisk.findings.map(key).sort());
  });
});
