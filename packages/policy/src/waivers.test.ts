// Exceptions, evaluated over the real bundle: annotations, the waiver list, expiry, and the switch
// that forbids annotation waivers. Waived findings stay in the result, marked.
import { join } from 'node:path';
import type { Resource } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, builtinEngine, loadFixture } from '../test/support.js';
import { EXPIRED_WAIVER_RULE } from './policy-finding.js';
import { type Waiver, findExpiredWaivers, waiverExpiry, waiverSchema } from './waivers.js';

const now = new Date('2026-06-15T12:00:00Z');

async function latestImage(annotations: Record<string, string> = {}): Promise<Resource[]> {
  const [deployment] = await loadFixture(join(FIXTURES, 'manifests', 'dir', 'deployment.yaml'));
  return [{ ...deployment!, annotations: { ...deployment!.annotations, ...annotations } }];
}

function waiver(fields: Partial<Waiver> = {}): Waiver {
  return waiverSchema.parse({
    rule: 'K8S-IMG-001',
    selector: { kind: 'Deployment', namespace: 'shop', name: 'web' },
    owner: 'team-shop',
    justification: 'the vendor publishes only latest; pinned by digest in the next release',
    approver: 'alice',
    ticket: 'OPS-42',
    expires: '2026-07-01',
    ...fields,
  });
}

describe('annotation waivers', () => {
  it('mark the named rules waived and leave the others', async () => {
    const engine = await builtinEngine();
    const findings = await engine.evaluate(
      await latestImage({
        'simian.dev/waive': 'K8S-IMG-001, K8S-HEALTH-002',
        'simian.dev/waive-reason': 'vendor image',
      }),
      { now },
    );
    const img = findings.find((f) => f.ruleId === 'K8S-IMG-001');
    expect(img?.waiver).toEqual({ by: 'annotation', reason: 'vendor image' });
    expect(findings.find((f) => f.ruleId === 'K8S-HEALTH-002')?.waiver?.by).toBe('annotation');
    expect(findings.find((f) => f.ruleId === 'K8S-HEALTH-001')?.waiver).toBeUndefined();
  });

  it('are ignored, and noted, when allowAnnotationWaivers is false', async () => {
    const engine = await builtinEngine({ allowAnnotationWaivers: false });
    const findings = await engine.evaluate(
      await latestImage({ 'simian.dev/waive': 'K8S-IMG-001' }),
      { now },
    );
    const img = findings.find((f) => f.ruleId === 'K8S-IMG-001');
    expect(img?.waiver).toBeUndefined();
    expect(img?.evidence?.['ignoredAnnotationWaiver']).toBe(true);
  });

  it('work as simian:waive tags on AWS resources', async () => {
    // The bucket also breaks security rules; this test is about the tagging rule's waiver.
    const engine = await builtinEngine({ forMonkey: 'conformity' });
    const [bucket] = await loadFixture(join(FIXTURES, 'rules', 'AWS-TAG-001', 'fail.yaml'));
    const tagged = { ...bucket!, labels: { ...bucket!.labels, 'simian:waive': 'AWS-TAG-001' } };
    const [finding] = await engine.evaluate([tagged], { now });
    expect(finding).toMatchObject({ ruleId: 'AWS-TAG-001', waiver: { by: 'annotation' } });
  });
});

describe('the waiver list', () => {
  it('waives by selector, with owner, approver, ticket and expiry', async () => {
    const engine = await builtinEngine({ waivers: [waiver()] });
    const findings = await engine.evaluate(await latestImage(), { now });
    expect(findings.find((f) => f.ruleId === 'K8S-IMG-001')?.waiver).toEqual({
      by: 'config',
      owner: 'team-shop',
      reason: 'the vendor publishes only latest; pinned by digest in the next release',
      expires: '2026-07-01',
      approver: 'alice',
      ticket: 'OPS-42',
    });
    expect(findings.filter((f) => f.waiver)).toHaveLength(1);
  });

  it('waives by ref pattern and rule pattern', async () => {
    const engine = await builtinEngine({
      waivers: [
        waiver({
          rule: 'K8S-HEALTH-*',
          ref: 'manifest:*/shop/Deployment/web',
          selector: undefined,
        }),
      ],
    });
    const findings = await engine.evaluate(await latestImage(), { now });
    const waived = findings.filter((f) => f.waiver).map((f) => f.ruleId);
    expect(waived).toEqual(['K8S-HEALTH-001', 'K8S-HEALTH-002']);
  });

  it('wins over an annotation', async () => {
    const engine = await builtinEngine({ waivers: [waiver()] });
    const findings = await engine.evaluate(
      await latestImage({ 'simian.dev/waive': 'K8S-IMG-001' }),
      { now },
    );
    expect(findings.find((f) => f.ruleId === 'K8S-IMG-001')?.waiver?.by).toBe('config');
  });

  it('stops applying when expired, and reports the expiry', async () => {
    const engine = await builtinEngine({ waivers: [waiver({ expires: '2026-06-14' })] });
    const findings = await engine.evaluate(await latestImage(), { now });
    expect(findings.find((f) => f.ruleId === 'K8S-IMG-001')?.waiver).toBeUndefined();
    const expired = findings.filter((f) => f.ruleId === EXPIRED_WAIVER_RULE);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      severity: 'low',
      resource: { kind: 'Deployment', name: 'web' },
    });
    expect(expired[0]?.message).toContain('expired on 2026-06-14 (owner team-shop, ticket OPS-42)');
  });

  it('lasts to the end of a date-only expiry day (UTC)', () => {
    expect(waiverExpiry({ expires: '2026-06-15' }).toISOString()).toBe('2026-06-16T00:00:00.000Z');
    expect(findExpiredWaivers([waiver({ expires: '2026-06-15' })], now)).toEqual([]);
    expect(findExpiredWaivers([waiver({ expires: '2026-06-15T11:00:00Z' })], now)).toHaveLength(1);
  });

  it('needs who, why and until when, and a ref or selector', () => {
    const { ticket: _ticket, ...noTicket } = waiver();
    expect(waiverSchema.safeParse(noTicket).success).toBe(false);
    expect(
      waiverSchema.safeParse({ ...waiver(), selector: undefined }).error?.issues[0]?.message,
    ).toBe('a waiver needs a ref or a selector');
    expect(waiverSchema.safeParse({ ...waiver(), expires: 'next week' }).success).toBe(false);
    expect(waiverSchema.safeParse({ ...waiver(), reason: 'typo' }).success).toBe(false);
  });
});
