import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../types.js';
import {
  canonicalJson,
  makePlanFile,
  planKeyFromEnv,
  readPlanFile,
  writePlanFile,
  type PlanFile,
} from './plan-file.js';
import { createHash } from 'node:crypto';

const NOW = new Date('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;
const KEY = Buffer.from('k'.repeat(32));
const OTHER_KEY = Buffer.from('o'.repeat(32));
const dir = mkdtempSync(join(tmpdir(), 'simian-plan-file-'));

const result: RunResult = {
  runId: 'r1',
  status: 'completed',
  dryRun: false,
  startedAt: NOW.toISOString(),
  endedAt: NOW.toISOString(),
  incomplete: [],
  monkeys: [
    {
      monkey: 'chaos',
      outcomes: [],
      gated: {
        monkey: 'chaos',
        dryRun: false,
        findings: [],
        dropped: [],
        allowed: [
          {
            id: 'a1',
            monkey: 'chaos',
            verb: 'delete',
            resource: {
              ref: 'k8s:test/shop/Pod/a',
              provider: 'kubernetes',
              kind: 'Pod',
              name: 'a',
              labels: {},
            },
            reason: 'chosen',
            reversible: false,
          },
        ],
      },
    },
  ],
};

function saved(options: { key?: Buffer } = {}): string {
  const file = join(dir, `plan-${Math.random()}.json`);
  writePlanFile(file, makePlanFile(result, 'simian.yaml', options));
  return file;
}

/** Edits a plan and recomputes its digest, as someone who read the format would. */
function resealed(file: string, edit: (plan: PlanFile) => void): void {
  const plan = JSON.parse(readFileSync(file, 'utf8')) as PlanFile;
  edit(plan);
  const { digest: _digest, signature: _signature, ...body } = plan;
  plan.digest = `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
  writeFileSync(file, JSON.stringify(plan));
}

describe('plan files: digest and signature', () => {
  it('reads back a signed plan with its key', () => {
    const file = saved({ key: KEY });
    const plan = readPlanFile(file, HOUR, { now: NOW, key: KEY });
    expect(plan.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(plan.plans[0]!.allowed[0]!.resource.name).toBe('a');
  });

  it('without a key, the digest catches an accident but not a deliberate reseal', () => {
    const file = saved();
    writeFileSync(file, readFileSync(file, 'utf8').replace('Pod/a', 'Pod/b'));
    expect(() => readPlanFile(file, HOUR, NOW)).toThrow('was altered after it was written');
    const other = saved();
    resealed(other, (p) => (p.plans[0]!.allowed[0]!.resource.ref = 'k8s:test/shop/Pod/b'));
    expect(readPlanFile(other, HOUR, NOW).plans[0]!.allowed[0]!.resource.ref).toBe(
      'k8s:test/shop/Pod/b',
    );
  });

  it('with a key, refuses a signed plan edited and resealed', () => {
    const file = saved({ key: KEY });
    resealed(file, (p) => (p.plans[0]!.allowed[0]!.resource.ref = 'k8s:test/shop/Pod/b'));
    expect(() => readPlanFile(file, HOUR, { now: NOW, key: KEY })).toThrow(
      'its signature does not match: it was edited after it was signed, or signed with another key',
    );
  });

  it('refuses a plan signed with another key, an unsigned plan when a key is set, and a signed one without a key', () => {
    expect(() => readPlanFile(saved({ key: OTHER_KEY }), HOUR, { now: NOW, key: KEY })).toThrow(
      'its signature does not match',
    );
    expect(() => readPlanFile(saved(), HOUR, { now: NOW, key: KEY })).toThrow(
      'is not signed, and a plan key is configured',
    );
    expect(() => readPlanFile(saved({ key: KEY }), HOUR, { now: NOW })).toThrow(
      'is signed, but no plan key is configured here to check it',
    );
  });

  it('refuses a resealed plan of the wrong shape by field, instead of failing while reading it', () => {
    const file = saved();
    resealed(file, (p) => {
      delete (p.plans[0] as Partial<PlanFile['plans'][number]>).allowed;
    });
    expect(() => readPlanFile(file, HOUR, NOW)).toThrow(/plan file .*: plans\.0\.allowed: /);
    const other = saved();
    resealed(other, (p) => ((p.plans[0]!.allowed[0] as { resource: unknown }).resource = 'x'));
    expect(() => readPlanFile(other, HOUR, NOW)).toThrow(/plans\.0\.allowed\.0\.resource/);
  });

  it('refuses deep nesting, and a file that is no plan, in one line', () => {
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(() => readPlanFile(deep, HOUR, NOW)).toThrow('nested more than 64 levels deep');
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"kind": "something"}');
    expect(() => readPlanFile(other, HOUR, NOW)).toThrow('is not a Simian plan file');
    writeFileSync(other, 'null');
    expect(() => readPlanFile(other, HOUR, NOW)).toThrow('is not a Simian plan file');
  });
});

describe('the plan key', () => {
  it('comes from SIMIAN_PLAN_KEY or a file, and a short one is refused', () => {
    expect(planKeyFromEnv({})).toBeUndefined();
    expect(planKeyFromEnv({ SIMIAN_PLAN_KEY: 'k'.repeat(32) })).toEqual(KEY);
    const file = join(dir, 'key');
    writeFileSync(file, `${'k'.repeat(32)}\n`);
    expect(planKeyFromEnv({ SIMIAN_PLAN_KEY_FILE: file })).toEqual(KEY);
    expect(() => planKeyFromEnv({ SIMIAN_PLAN_KEY: 'short' })).toThrow(
      'the plan key from SIMIAN_PLAN_KEY is 5 bytes; it needs at least 32',
    );
  });
});
