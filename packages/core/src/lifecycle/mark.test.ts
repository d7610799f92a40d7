import { describe, expect, it } from 'vitest';
import { CONFORMITY, JANITOR, kube, withMarks } from '../__fixtures__/lifecycle.js';
import { SimianError } from '../errors.js';
import { lifecycleKeyList, lifecycleKeys } from './keys.js';
import { markParamsSchema, unmarkParamsSchema } from './params.js';
import { pickLifecycleMarks, readLifecycleMark } from './mark.js';
import { recheckLifecycleMark } from './recheck.js';

describe('lifecycleKeys', () => {
  it("keeps the conformity monkey's keys exactly, and gives the janitor its own", () => {
    expect(lifecycleKeyList(CONFORMITY)).toEqual([
      'conformity.simian.dev/violation',
      'conformity.simian.dev/marked-at',
      'conformity.simian.dev/delete-after',
    ]);
    expect(lifecycleKeyList(JANITOR)).toEqual([
      'janitor.simian.dev/rule',
      'janitor.simian.dev/marked-at',
      'janitor.simian.dev/delete-after',
    ]);
  });

  it('refuses a prefix or a name an annotation could not carry', () => {
    expect(() => lifecycleKeys('Janitor/simian')).toThrow(SimianError);
    expect(() => lifecycleKeys('janitor.simian.dev', { rules: 'a/b' })).toThrow(
      'lifecycle mark name "a/b" is not an annotation name',
    );
  });
});

describe('readLifecycleMark', () => {
  it('reads rules (commas or spaces, sorted, once each) and times; other marks are ignored', () => {
    const r = withMarks(kube('Deployment', 'web'), {
      [CONFORMITY.rules]: 'K8S-B, K8S-A K8S-B',
      [CONFORMITY.markedAt]: '2026-11-02T10:00:00Z',
      [CONFORMITY.deleteAfter]: '2026-11-09T10:00:00Z',
      'helm.sh/chart': 'web-1.0.0',
    });
    expect(readLifecycleMark(r, CONFORMITY)).toEqual({
      rules: ['K8S-A', 'K8S-B'],
      markedAt: new Date('2026-11-02T10:00:00Z'),
      deleteAfter: new Date('2026-11-09T10:00:00Z'),
      deleteAfterText: '2026-11-09T10:00:00Z',
    });
    expect(pickLifecycleMarks(r, CONFORMITY)).not.toHaveProperty('helm.sh/chart');
    expect(readLifecycleMark(r, JANITOR)).toBeUndefined();
  });

  it('keeps an unreadable deadline as text, and reads a resource without marks as unmarked', () => {
    const r = withMarks(kube('Deployment', 'web'), { [CONFORMITY.deleteAfter]: 'soon' });
    expect(readLifecycleMark(r, CONFORMITY)).toEqual({ rules: [], deleteAfterText: 'soon' });
    expect(readLifecycleMark({}, CONFORMITY)).toBeUndefined();
  });
});

describe('recheckLifecycleMark', () => {
  const now = new Date('2026-11-10T00:00:00Z');
  const web = (deleteAfter?: string) =>
    withMarks(kube('Deployment', 'web'), {
      [JANITOR.rules]: 'JAN-1',
      ...(deleteAfter !== undefined ? { [JANITOR.deleteAfter]: deleteAfter } : {}),
    });

  it('lets an act through past the deadline, and says why not otherwise', () => {
    expect(recheckLifecycleMark(web('2026-11-09T00:00:00Z'), JANITOR, now)).toEqual({ ok: true });
    expect(recheckLifecycleMark(web(), JANITOR, now)).toEqual({
      ok: false,
      reason: 'Deployment web no longer carries the janitor.simian.dev/delete-after mark',
    });
    expect(recheckLifecycleMark(web('next week'), JANITOR, now)).toEqual({
      ok: false,
      reason: 'Deployment web has janitor.simian.dev/delete-after "next week", which is not a time',
    });
    expect(recheckLifecycleMark(web('2026-12-24T00:00:00Z'), JANITOR, now)).toEqual({
      ok: false,
      reason: "Deployment web's deadline was moved to 2026-12-24T00:00:00.000Z",
    });
  });
});

describe('the one param shape of mark and unmark', () => {
  it('takes { marks } and { keys }, and refuses the old per-provider shapes', () => {
    expect(markParamsSchema.parse({ marks: { a: '1' } })).toEqual({ marks: { a: '1' } });
    expect(unmarkParamsSchema.parse({ keys: ['a'] })).toEqual({ keys: ['a'] });
    expect(markParamsSchema.safeParse({ marks: {} }).success).toBe(false);
    expect(markParamsSchema.safeParse({ annotations: { a: '1' } }).success).toBe(false);
    expect(markParamsSchema.safeParse({ tags: { a: '1' } }).success).toBe(false);
    expect(unmarkParamsSchema.safeParse({ keys: ['a'], from: 'annotations' }).success).toBe(false);
    expect(unmarkParamsSchema.safeParse({ keys: [] }).success).toBe(false);
  });
});
