import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitYamlDocuments } from './yaml-documents.js';
import { fastLoad } from './yaml-fast-load.js';

// The fast path must read every document exactly as the `yaml` package does; these tests compare
// the two on scalars, on random scalar-like texts, and on every YAML file of the repository.

const reference = (text: string): unknown => parse(text, { uniqueKeys: false });
const same = (a: unknown, b: unknown) =>
  expect(Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b) ? true : { a, b }).toBe(true);

const SCALARS = [
  'on',
  'yes',
  'no',
  'off',
  'y',
  'True',
  'TRUE',
  'tRue',
  'false',
  'FALSE',
  'null',
  'Null',
  'NULL',
  'nULL',
  '~',
  '',
  '0777',
  '010',
  '0o17',
  '0o19',
  '0x1F',
  '0X1F',
  '0b101',
  '1e3',
  '1E3',
  '.5',
  '+12',
  '-0',
  '1_000',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  '12:30:00',
  '2024-01-01',
  '2024-01-01T10:00:00Z',
  '1.0',
  '3.',
  '0.1e+2',
  '+.5',
  '-.5',
  '+0x1',
  '-0x1',
  '0x',
  '1e',
  '0.',
  '-.5e3',
  '007',
  '08',
  '9007199254740993',
  '1.7976931348623157e309',
  '"quoted"',
  "'s'",
  '"0x10"',
  '[1, 2]',
  '{a: 1}',
  '"line\\nbreak"',
  '|-\n  block\n  text',
  '>\n  folded\n  text\n',
  'a:b',
  'a #comment',
  '@',
  '`x`',
  '<<',
  '=',
  '-',
  '?',
  '100m',
  '1Gi',
  '0.5',
  '"true"',
];

describe('the fast YAML path', () => {
  it('reads every scalar of a tricky list as the yaml package does', () => {
    for (const scalar of SCALARS) {
      const text = `k: ${scalar}\n`;
      const fast = fastLoad(text);
      let expected: unknown;
      try {
        expected = reference(text);
      } catch {
        // Not YAML for the reference: the fast path must not make something of it either.
        expect(fast, scalar).toBeUndefined();
        continue;
      }
      if (fast) same(fast.value, expected);
    }
  });

  it('reads 20,000 random scalar-like texts as the yaml package does', () => {
    // A seeded generator: the same texts on every run.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = '0123456789+-.eExXoObB_aflnNIiTtrusFL~:';
    let compared = 0;
    for (let i = 0; i < 20_000; i++) {
      let scalar = '';
      const length = 1 + (next() % 7);
      for (let j = 0; j < length; j++) scalar += alphabet[next() % alphabet.length];
      const text = `k: ${scalar}\n`;
      let expected: unknown;
      const fast = fastLoad(text);
      try {
        expected = reference(text);
      } catch {
        expect(fast, scalar).toBeUndefined();
        continue;
      }
      if (fast) {
        same(fast.value, expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(15_000);
    // 20,000 parses take about 2 s alone; a loaded machine (CI beside other work) needs more room.
  }, 30_000);

  it('reads every document of every YAML file in the repository as the yaml package does', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (['node_modules', 'dist', '.git', '.simian', '.turbo'].includes(name)) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ya?ml$/.test(name)) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(40);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const expected = parseAllDocuments(text, { uniqueKeys: false });
      if (!Array.isArray(expected) || expected.some((d) => d.errors.length > 0)) continue;
      const values = expected.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
      const fast = splitYamlDocuments(text)
        .map((d) => fastLoad(d.text))
        .filter((f) => f === undefined || (f.value !== null && f.value !== undefined));
      expect(fast, file).toHaveLength(values.length);
      fast.forEach((f, i) => {
        if (f) {
          same(f.value, values[i]);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('leaves aliases, tags and what js-yaml cannot read to the full parser', () => {
    expect(fastLoad('a: &x 1\nb: *x\n')).toBeUndefined();
    expect(fastLoad('a: !!binary aGk=\n')).toBeUndefined();
    expect(fastLoad('a: !custom x\n')).toBeUndefined();
    expect(fastLoad('a: [1, 2\n')).toBeUndefined();
    expect(fastLoad('a: 1\na: 2\n')).toEqual({ value: { a: 2 } });
  });
});

describe('splitting a YAML stream into documents', () => {
  it('finds each document, its start and its first content line', () => {
    const text = [
      '# a leading comment', // 1
      'apiVersion: v1', // 2
      'kind: A', // 3
      '---', // 4
      '', // 5
      '# comment', // 6
      'kind: B', // 7
      '--- |', // 8
      '  block', // 9
      '...', // 10
      '%YAML 1.2', // 11
      '---', // 12
      'kind: C', // 13
    ].join('\r\n');
    expect(splitYamlDocuments(text).map((d) => [d.startLine, d.contentLine])).toEqual([
      [1, 2],
      [4, 7],
      [8, 8],
      [11, 13],
    ]);
  });

  it('treats --- inside a block scalar as the marker it is, as YAML does', () => {
    const text = 'a: |\n  x\n---\nb: 1\n';
    expect(splitYamlDocuments(text).map((d) => fastLoad(d.text)?.value)).toEqual([
      { a: 'x\n' },
      { b: 1 },
    ]);
    expect(parseAllDocuments(text).length).toBe(2);
  });

  it('ignores a byte-order mark and keeps an empty stream empty', () => {
    expect(splitYamlDocuments('\uFEFF---\nkind: A\n').map((d) => d.contentLine)).toEqual([2]);
    expect(splitYamlDocuments('').map((d) => fastLoad(d.text)?.value ?? null)).toEqual([null]);
  });
});
