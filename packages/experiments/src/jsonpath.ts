import { SimianError } from '@simian/core';
import { deepEqual } from './deep-equal.js';

/**
 * The JSONPath that Chaos Toolkit's `jsonpath` tolerance accepts (it uses the jsonpath2 package),
 * for the forms experiments use: `$`, `.name`, `['name']`, `[0]`, `[-1]`, `[0,2]`, `[1:3]`, `[*]`,
 * `.*`, `..name` (recursive descent), and filters `[?(@.status.phase = "Running")]` with `=`/`==`,
 * `!=`, `<`, `<=`, `>`, `>=`, existence `[?(@.ready)]`, `and`, `or`, `not` and parentheses. A
 * filter on a mapping tests the mapping itself (as jsonpath2 does); on a list, its items.
 * Anything else is an error naming the position, never a silent mismatch.
 */

type Selector =
  | { kind: 'name'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'union'; items: Array<number | string | Slice> }
  | { kind: 'filter'; expr: Expr };
interface Slice {
  start?: number;
  end?: number;
  step?: number;
}
interface Segment {
  descendant: boolean;
  selector: Selector;
}
type Operand =
  { kind: 'path'; relative: boolean; segments: Segment[] } | { kind: 'literal'; value: unknown };
type Expr =
  | { kind: 'or' | 'and'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'compare'; op: string; left: Operand; right: Operand }
  | { kind: 'exists'; operand: Operand };

/** A parsed path; `match` returns every value it selects, in document order. */
export interface JsonPath {
  readonly source: string;
  match(value: unknown): unknown[];
}

export function parseJsonPath(source: string): JsonPath {
  const parser = new Parser(source.trim());
  const segments = parser.parsePath(false);
  parser.expectEnd();
  return { source, match: (value) => select([value], segments, value) };
}

class Parser {
  #pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new SimianError(
      'INPUT_INVALID',
      `JSONPath "${this.text}": ${what} at character ${this.#pos + 1}`,
      {
        hint: 'supported: $, .name, [\'name\'], [0], [1:3], [*], .*, ..name, [?(@.a = "b")] (docs/experiments.md)',
      },
    );
  }

  #ws(): void {
    while (this.#pos < this.text.length && /\s/.test(this.text[this.#pos]!)) this.#pos++;
  }

  #peek(s: string): boolean {
    this.#ws();
    return this.text.startsWith(s, this.#pos);
  }

  #eat(s: string): boolean {
    if (!this.#peek(s)) return false;
    this.#pos += s.length;
    return true;
  }

  #expect(s: string): void {
    if (!this.#eat(s)) this.fail(`expected "${s}"`);
  }

  expectEnd(): void {
    this.#ws();
    if (this.#pos < this.text.length) this.fail('unexpected text');
  }

  /** `$` or `@` followed by segments. */
  parsePath(relative: boolean): Segment[] {
    this.#expect(relative ? '@' : '$');
    const segments: Segment[] = [];
    for (;;) {
      if (this.text.startsWith('..', this.#pos)) {
        this.#pos += 2;
        segments.push({ descendant: true, selector: this.#dotOrBracket(true) });
      } else if (this.text.startsWith('.', this.#pos)) {
        this.#pos += 1;
        segments.push({ descendant: false, selector: this.#dotOrBracket(false) });
      } else if (this.text.startsWith('[', this.#pos)) {
        segments.push({ descendant: false, selector: this.#bracket() });
      } else {
        return segments;
      }
    }
  }

  #dotOrBracket(afterDescent: boolean): Selector {
    if (afterDescent && this.text.startsWith('[', this.#pos)) return this.#bracket();
    if (this.text.startsWith('*', this.#pos)) {
      this.#pos++;
      return { kind: 'wildcard' };
    }
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.#pos));
    if (!m) this.fail('expected a name or *');
    this.#pos += m[0].length;
    return { kind: 'name', name: m[0] };
  }

  #bracket(): Selector {
    this.#expect('[');
    if (this.#eat('*')) {
      this.#expect(']');
      return { kind: 'wildcard' };
    }
    if (this.#eat('?')) {
      this.#expect('(');
      const expr = this.#or();
      this.#expect(')');
      this.#expect(']');
      return { kind: 'filter', expr };
    }
    const items: Array<number | string | Slice> = [];
    do items.push(this.#unionItem());
    while (this.#eat(','));
    this.#expect(']');
    return { kind: 'union', items };
  }

  #unionItem(): number | string | Slice {
    this.#ws();
    if (this.#peek("'") || this.#peek('"')) return this.#string();
    const first = this.#optionalInt();
    if (!this.#eat(':')) {
      if (first === undefined) this.fail('expected an index, a slice or a quoted name');
      return first;
    }
    const slice: Slice = {};
    if (first !== undefined) slice.start = first;
    const end = this.#optionalInt();
    if (end !== undefined) slice.end = end;
    if (this.#eat(':')) {
      const step = this.#optionalInt();
      if (step !== undefined) slice.step = step;
    }
    return slice;
  }

  #optionalInt(): number | undefined {
    this.#ws();
    const m = /^-?\d+/.exec(this.text.slice(this.#pos));
    if (!m) return undefined;
    this.#pos += m[0].length;
    return Number(m[0]);
  }

  #string(): string {
    this.#ws();
    const quote = this.text[this.#pos]!;
    let out = '';
    this.#pos++;
    while (this.#pos < this.text.length && this.text[this.#pos] !== quote) {
      if (this.text[this.#pos] === '\\') this.#pos++;
      out += this.text[this.#pos++] ?? '';
    }
    if (this.text[this.#pos] !== quote) this.fail('unterminated string');
    this.#pos++;
    return out;
  }

  #or(): Expr {
    let left = this.#and();
    while (this.#keyword('or') || this.#eat('||')) left = { kind: 'or', left, right: this.#and() };
    return left;
  }

  #and(): Expr {
    let left = this.#unary();
    while (this.#keyword('and') || this.#eat('&&')) {
      left = { kind: 'and', left, right: this.#unary() };
    }
    return left;
  }

  #keyword(word: string): boolean {
    this.#ws();
    const re = new RegExp(`^${word}\\b`);
    if (!re.test(this.text.slice(this.#pos))) return false;
    this.#pos += word.length;
    return true;
  }

  #unary(): Expr {
    if (this.#keyword('not') || (this.#peek('!') && !this.#peek('!='))) {
      if (this.text[this.#pos] === '!') this.#pos++;
      return { kind: 'not', expr: this.#unary() };
    }
    if (this.#eat('(')) {
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    const left = this.#operand();
    this.#ws();
    const op = /^(==|=|!=|<=|>=|<|>)/.exec(this.text.slice(this.#pos))?.[0];
    if (!op) return { kind: 'exists', operand: left };
    this.#pos += op.length;
    return { kind: 'compare', op: op === '==' ? '=' : op, left, right: this.#operand() };
  }

  #operand(): Operand {
    this.#ws();
    if (this.#peek('@')) return { kind: 'path', relative: true, segments: this.parsePath(true) };
    if (this.#peek('$')) return { kind: 'path', relative: false, segments: this.parsePath(false) };
    if (this.#peek("'") || this.#peek('"')) return { kind: 'literal', value: this.#string() };
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(this.text.slice(this.#pos));
    if (!m) this.fail('expected @, $, a string, a number, true, false or null');
    this.#pos += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) as unknown };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node;
  if (isRecord(node)) return Object.values(node);
  return [];
}

function descendants(node: unknown, out: unknown[] = []): unknown[] {
  out.push(node);
  for (const child of children(node)) descendants(child, out);
  return out;
}

function select(nodes: unknown[], segments: Segment[], root: unknown): unknown[] {
  let current = nodes;
  for (const segment of segments) {
    const inputs = segment.descendant ? current.flatMap((n) => descendants(n)) : current;
    current = inputs.flatMap((node) => apply(segment.selector, node, root));
  }
  return current;
}

function apply(selector: Selector, node: unknown, root: unknown): unknown[] {
  switch (selector.kind) {
    case 'name':
      return isRecord(node) && Object.hasOwn(node, selector.name) ? [node[selector.name]] : [];
    case 'wildcard':
      return children(node);
    case 'filter':
      // jsonpath2 (chaoslib's) tests a filter against the node it is applied to: after `.*` that
      // is each item, so `$.data.result.*[?(@.value[1] != "0")]` (the rollout demo's) keeps the
      // items that match. On a list, jsonpath2 would test the list itself, which has no fields,
      // and match nothing; Simian filters the list's items, as other JSONPaths do.
      if (isRecord(node)) return evaluate(selector.expr, node, root) ? [node] : [];
      return children(node).filter((child) => evaluate(selector.expr, child, root));
    case 'union':
      return selector.items.flatMap((item) => {
        if (typeof item === 'string')
          return isRecord(node) && Object.hasOwn(node, item) ? [node[item]] : [];
        if (!Array.isArray(node)) return [];
        if (typeof item === 'number') {
          const i = item < 0 ? node.length + item : item;
          return i >= 0 && i < node.length ? [node[i]] : [];
        }
        return slice(node, item);
      });
  }
}

function slice(list: unknown[], { start, end, step = 1 }: Slice): unknown[] {
  if (step === 0) return [];
  const norm = (i: number) => (i < 0 ? Math.max(list.length + i, 0) : Math.min(i, list.length));
  const out: unknown[] = [];
  if (step > 0) {
    for (let i = norm(start ?? 0); i < norm(end ?? list.length); i += step) out.push(list[i]);
  } else {
    const from = start === undefined ? list.length - 1 : Math.min(norm(start), list.length - 1);
    const to = end === undefined ? -1 : norm(end);
    for (let i = from; i > to; i += step) out.push(list[i]);
  }
  return out;
}

function values(operand: Operand, current: unknown, root: unknown): unknown[] {
  if (operand.kind === 'literal') return [operand.value];
  return select([operand.relative ? current : root], operand.segments, root);
}

function evaluate(expr: Expr, current: unknown, root: unknown): boolean {
  switch (expr.kind) {
    case 'or':
      return evaluate(expr.left, current, root) || evaluate(expr.right, current, root);
    case 'and':
      return evaluate(expr.left, current, root) && evaluate(expr.right, current, root);
    case 'not':
      return !evaluate(expr.expr, current, root);
    case 'exists':
      return values(expr.operand, current, root).length > 0;
    case 'compare': {
      const left = values(expr.left, current, root);
      const right = values(expr.right, current, root);
      return left.some((a) => right.some((b) => compare(expr.op, a, b)));
    }
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === '=') return deepEqual(a, b);
  if (op === '!=') return !deepEqual(a, b);
  const comparable =
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  const [x, y] = [a as number | string, b as number | string];
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}
