// What the fuzz suite feeds the CLI: the seed files, mutated at the byte level and structurally,
// whole inputs known to hurt parsers, paths that are not regular files, and flags with any value.
import fc from 'fast-check';
import { parse as parseYaml, parseAllDocuments, stringify as yamlText } from 'yaml';

/** Texts that mean something to a YAML or JSON parser, spliced in at random places. */
const SNIPPETS = [
  '*a',
  '&a ',
  '!!binary ',
  '!!python/object ',
  '{',
  '[',
  ']',
  '}',
  '---\n',
  '...\n',
  '\t',
  '\u0000',
  '\uFEFF',
  ': ',
  '- ',
  '"',
  "'",
  '${X}',
  '${',
  '${HOME:-',
  '1e999',
  '-0',
  '0x1F',
  '.nan',
  '~',
  'null',
  'true',
  '<<: *a\n',
  '%YAML 1.1\n',
  '? ',
  '|\n',
  '>\n',
  '#',
  '\r\n',
  'é',
  '\u202e',
  '\\',
  '\\u0000',
  '9'.repeat(400),
  '"\\ud800"',
  'version: 2\n',
  'kind: List\nitems: 3\n',
];

export type ByteEdit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; text: string };

const at = fc.nat({ max: 1_000_000 });
export const byteEdits: fc.Arbitrary<ByteEdit[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at,
      length: fc.integer({ min: 1, max: 24 }),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({ kind: fc.constant('splice' as const), at, text: fc.constantFrom(...SNIPPETS) }),
  ),
  { minLength: 1, maxLength: 6 },
);

/** Applies byte edits, each position taken modulo the current length. */
export function applyByteEdits(text: string, edits: readonly ByteEdit[]): Buffer {
  let bytes = Buffer.from(text, 'utf8');
  for (const e of edits) {
    const i = bytes.length === 0 ? 0 : e.at % (bytes.length + 1);
    if (e.kind === 'flip' && i < bytes.length) {
      bytes = Buffer.from(bytes);
      bytes[i] = bytes[i]! ^ (1 << e.bit);
    } else if (e.kind === 'insert')
      bytes = Buffer.concat([bytes.subarray(0, i), e.bytes, bytes.subarray(i)]);
    else if (e.kind === 'delete')
      bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + e.length)]);
    else if (e.kind === 'truncate') bytes = bytes.subarray(0, i);
    else if (e.kind === 'splice')
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(e.text, 'utf8'), bytes.subarray(i)]);
  }
  return bytes;
}

/** Values a field may be replaced by: any JSON, and the ones that break naive code. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  fc.constantFrom(
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.5,
    '',
    ' ',
    'x'.repeat(20_000),
    '${UNSET_VARIABLE}',
    '1h',
    '-5m',
    '99999d',
    '* * * * *',
    '61 25 * * *',
    'Mars/Olympus',
    '2026-02-30',
    '25:00',
    [],
    {},
    null,
    true,
    'K8S-NOPE-999',
    '../../../../etc/passwd',
    '/dev/zero',
  ),
  fc.integer({ min: 2, max: 300 }).map((depth) => {
    let v: unknown = 'deep';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
    return v;
  }),
  fc
    .integer({ min: 50, max: 400 })
    .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

export type StructuralEdit =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; pick: number; key: string; value: unknown };

export const structuralEdits: fc.Arbitrary<StructuralEdit[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: odd }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({
      kind: fc.constant('add' as const),
      pick: fc.nat(),
      key: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          'enabled',
          'dryRun',
          'replicas',
          'kind',
          'digest',
          '__proto__',
          'constructor',
        ),
      ),
      value: odd,
    }),
  ),
  { minLength: 1, maxLength: 4 },
);

/** Every place in a value: [parent, key] pairs, the root as [holder, 'root']. */
function places(root: {
  root: unknown;
}): Array<[Record<string, unknown> | unknown[], string | number]> {
  const out: Array<[Record<string, unknown> | unknown[], string | number]> = [
    [root as Record<string, unknown>, 'root'],
  ];
  const stack: unknown[] = [root.root];
  while (stack.length > 0 && out.length < 5000) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      v.forEach((child, i) => {
        out.push([v, i]);
        stack.push(child);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        out.push([v as Record<string, unknown>, k]);
        stack.push(child);
      }
    }
  }
  return out;
}

/** Applies structural edits to a parsed value (a copy). */
export function applyStructuralEdits(value: unknown, edits: readonly StructuralEdit[]): unknown {
  const holder = { root: structuredClone(value) };
  for (const e of edits) {
    const all = places(holder);
    const [parent, key] = all[e.pick % all.length]!;
    const target = parent as Record<string | number, unknown>;
    if (e.kind === 'replace') target[key] = structuredClone(e.value);
    else if (e.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else if (parent !== (holder as object)) delete target[key];
    } else {
      const into = target[key];
      if (into && typeof into === 'object' && !Array.isArray(into))
        Object.defineProperty(into, e.key, {
          value: structuredClone(e.value),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      else target[key] = { [e.key]: structuredClone(e.value) };
    }
  }
  return holder.root;
}

/** Whole inputs that have hurt parsers: aliases that multiply, nesting, sizes, bytes. */
export const hostileTexts: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constant(aliasBomb()),
  fc.integer({ min: 65, max: 200_000 }).map((n) => '['.repeat(n)),
  fc
    .integer({ min: 65, max: 3000 })
    .map((n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n')),
  fc.integer({ min: 65, max: 3000 }).map((n) => `${'- '.repeat(n)}x`),
  fc.constantFrom(
    '',
    '\n',
    '# only a comment\n',
    '---\n---\n',
    'null',
    '[]',
    '"just a string"',
    '\uFEFF',
    '\u0000\u0000',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc.constant('a: 1\n'.repeat(10)),
  fc.constant(`big: "${'x'.repeat(17 * 1024 * 1024)}"\n`),
);

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Any flag value a person might type, or not. */
export const flagValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer().map(String),
  fc.constantFrom(
    '0',
    '-1',
    '1',
    '5',
    '1000',
    '1001',
    '1e9',
    '99999999999999999999',
    'NaN',
    '',
    ' ',
    '2026-13-45',
    '2026-11-23T10:00:00Z',
    '9999-01-01T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    'json',
    'sarif',
    'junit',
    'table',
    'yaml',
    'webhook',
    'high',
    'critical',
    'bash',
    'zsh',
    'fish',
    'powershell',
    'chaos',
    'conformity',
    'janitor',
    '--help',
    '-',
    '--',
    'sarif=/nonexistent/x.sarif',
  ),
);

export const yamlOf = (value: unknown): string => yamlText(value, { aliasDuplicateObjects: false });
export const parsedYaml = (text: string): unknown => parseYaml(text) as unknown;

/** A YAML stream's documents, as one array to mutate. */
export const parsedYamlStream = (text: string): unknown[] =>
  parseAllDocuments(text).flatMap((d) => ('toJS' in d ? [d.toJS() as unknown] : []));
/** The documents of an array as a YAML stream (anything else as one document). */
export const yamlStreamOf = (value: unknown): string =>
  Array.isArray(value) ? value.map((v) => yamlOf(v)).join('---\n') : yamlOf(value);
