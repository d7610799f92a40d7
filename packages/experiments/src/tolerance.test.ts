import { describe, expect, it } from 'vitest';
import { parseJsonPath } from './jsonpath.js';
import type { ProbeTolerance, Tolerance } from './schema.js';
import { withinTolerance, type ToleranceContext } from './tolerance.js';

const context = (runProbe: ToleranceContext['runProbe'] = async () => true): ToleranceContext => ({
  configuration: { expected: 'ok', phase: 'Running' },
  secrets: {},
  runProbe,
});
const within = (tolerance: Tolerance, value: unknown, ctx = context()) =>
  withinTolerance(tolerance, value, ctx);
const http = (status: number, body: unknown = '') => ({ status, headers: {}, body });

describe('tolerances (chaoslib within_tolerance)', () => {
  it('exact values: boolean, string, number', async () => {
    expect(await within(true, true)).toBe(true);
    expect(await within(true, 'true')).toBe(false);
    expect(await within('ok', 'ok')).toBe(true);
    expect(await within('ok', 'OK')).toBe(false);
    expect(await within(3, 3)).toBe(true);
    expect(await within(3, 4)).toBe(false);
  });

  it('a number against an output with a status compares the status', async () => {
    expect(await within(200, http(200))).toBe(true);
    expect(await within(200, http(503))).toBe(false);
    expect(await within(0, { status: 0, stdout: '', stderr: '' })).toBe(true);
  });

  it('a two-entry list is an inclusive range, except against a status, where it lists allowed statuses', async () => {
    expect(await within([1, 5], 1)).toBe(true);
    expect(await within([1, 5], 5)).toBe(true);
    expect(await within([1, 5], 6)).toBe(false);
    expect(await within([200, 299], http(200))).toBe(true);
    expect(await within([200, 299], http(250))).toBe(false);
    expect(await within(['a', 'c'], 'b')).toBe(true);
    expect(await within([1, 2, 3], 2)).toBe(true);
    expect(await within([1, 2, 3], 4)).toBe(false);
  });

  it('regex searches the value, or value[target]; ${} in the pattern is substituted', async () => {
    expect(await within({ type: 'regex', pattern: '^ok' }, 'ok then')).toBe(true);
    expect(await within({ type: 'regex', pattern: '^ok' }, 'not ok')).toBe(false);
    const stdout = { status: 0, stdout: 'pod web-1 Running\n', stderr: '' };
    expect(await within({ type: 'regex', pattern: '${phase}$', target: 'stdout' }, stdout)).toBe(
      true,
    );
    expect(await within({ type: 'regex', pattern: '(?P<n>web)-1', target: 'stdout' }, stdout)).toBe(
      true,
    );
    expect(await within({ type: 'regex', pattern: 'x' }, { not: 'a string' })).toBe(false);
  });

  it('jsonpath: found, count, expect (a value or a list), on parsed JSON or a JSON string', async () => {
    const body = { items: [{ status: { phase: 'Running' } }, { status: { phase: 'Pending' } }] };
    const t = (extra: object) => ({
      type: 'jsonpath' as const,
      path: '$.items[*].status.phase',
      ...extra,
    });
    expect(await within(t({}), body)).toBe(true);
    expect(await within(t({ count: 2 }), body)).toBe(true);
    expect(await within(t({ count: 3 }), body)).toBe(false);
    expect(await within(t({ expect: ['Running', 'Pending'] }), body)).toBe(true);
    expect(await within(t({ expect: 'Running' }), body)).toBe(false);
    expect(
      await within(
        { type: 'jsonpath', path: '$.items[?(@.status.phase = "${phase}")]', count: 1 },
        JSON.stringify(body),
      ),
    ).toBe(true);
    expect(
      await within(
        { type: 'jsonpath', path: '$.status', expect: 'ok', target: 'body' },
        http(200, { status: 'ok' }),
      ),
    ).toBe(true);
    expect(await within({ type: 'jsonpath', path: '$.missing' }, body)).toBe(false);
  });

  it('range: numbers and numeric strings, optionally at value[target]', async () => {
    expect(await within({ type: 'range', range: [0.99, 1] }, 0.995)).toBe(true);
    expect(await within({ type: 'range', range: [0.99, 1] }, '1')).toBe(true);
    expect(await within({ type: 'range', range: [0.99, 1] }, 0.5)).toBe(false);
    expect(await within({ type: 'range', range: [0, 10], target: 'n' }, { n: 4 })).toBe(true);
    expect(await within({ type: 'range', range: [0, 10] }, 'many')).toBe(false);
  });

  it('probe: runs the probe with the value as its "value" argument; truthy passes, failure does not', async () => {
    const seen: unknown[] = [];
    const probe: ProbeTolerance = {
      type: 'probe',
      name: 'check',
      provider: { type: 'python', module: 'm', func: 'f', arguments: { other: 1 } },
    };
    const ctx = context(async (p) => {
      const args = (p.provider as unknown as { arguments: { value: unknown } }).arguments;
      seen.push(args);
      return args.value === 'good' ? { ok: true } : {};
    });
    expect(await within(probe, 'good', ctx)).toBe(true);
    expect(await within(probe, 'bad', ctx)).toBe(false);
    expect(seen[0]).toEqual({ other: 1, value: 'good' });
    expect(probe.provider).toEqual({
      type: 'python',
      module: 'm',
      func: 'f',
      arguments: { other: 1 },
    });
    const failing = context(async () => {
      throw new Error('probe failed');
    });
    expect(await within(probe, 'good', failing)).toBe(false);
  });
});

describe('JSONPath', () => {
  const doc = {
    store: {
      book: [
        { title: 'a', price: 8, tags: ['x'] },
        { title: 'b', price: 12 },
        { title: 'c', price: 20, isbn: '1' },
      ],
      'app.kubernetes.io/name': 'web',
    },
  };
  const m = (path: string) => parseJsonPath(path).match(doc);

  it('selects by name, index, slice, union, wildcard and recursive descent', () => {
    expect(m('$.store.book[0].title')).toEqual(['a']);
    expect(m('$.store.book[-1].title')).toEqual(['c']);
    expect(m('$.store.book[0:2].title')).toEqual(['a', 'b']);
    expect(m('$.store.book[0,2].title')).toEqual(['a', 'c']);
    expect(m('$.store.book[*].price')).toEqual([8, 12, 20]);
    expect(m('$..price')).toEqual([8, 12, 20]);
    expect(m("$.store['app.kubernetes.io/name']")).toEqual(['web']);
    expect(m('$')).toEqual([doc]);
  });

  it('filters with comparisons, existence, and/or/not', () => {
    expect(m('$.store.book[?(@.price > 10)].title')).toEqual(['b', 'c']);
    expect(m('$.store.book[?(@.price >= 12 and @.price < 20)].title')).toEqual(['b']);
    expect(m('$.store.book[?(@.isbn)].title')).toEqual(['c']);
    expect(m('$.store.book[?(not @.isbn)].title')).toEqual(['a', 'b']);
    expect(m('$.store.book[?(@.title = "a" or @.title == \'c\')].price')).toEqual([8, 20]);
    expect(m('$.store.book[?(@.title != "a")].price')).toEqual([12, 20]);
  });

  it('tests a filter after `.*` against each item, as jsonpath2 does (the rollout demo counts Prometheus series this way)', () => {
    const answer = (value: string) => ({
      data: { result: [{ metric: { name: 'service1' }, value: [1700000000.1, value] }] },
    });
    const path = '$.data.result.*[?(@.value[1]!="0")]';
    expect(parseJsonPath(path).match(answer('0.5'))).toHaveLength(1);
    expect(parseJsonPath(path).match(answer('0'))).toEqual([]);
  });

  it('rejects what it does not support, naming the position', () => {
    expect(() => parseJsonPath('store.book')).toThrow(
      /JSONPath "store.book": expected "\$" at character 1/,
    );
    expect(() => parseJsonPath('$.store[?(@.price ~ 3)]')).toThrow(/expected "\)"/);
  });
});
