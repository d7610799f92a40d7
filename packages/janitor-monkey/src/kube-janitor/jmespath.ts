import { compile, TreeInterpreter } from '@jmespath-community/jmespath';

type Node = ReturnType<typeof compile>;
type Interpreter = typeof TreeInterpreter;
type Visited = ReturnType<Interpreter['visit']>;
type Input = Parameters<Interpreter['visit']>[1];

/**
 * kube-janitor evaluates its rules with Python's `jmespath` 0.10, which orders strings as well as
 * numbers (`metadata.creationTimestamp > '2019-04-01'`, an example of its README). The JMESPath
 * community implementation orders numbers only and answers null for strings; this interpreter
 * orders two strings as Python does (by code point) and leaves everything else to it.
 */
const PythonOrdering = class extends (TreeInterpreter.constructor as new () => Interpreter) {
  override visit(node: Node, value: Input): Visited {
    const n = node as { type: string; name?: string; left?: Node; right?: Node };
    if (n.type === 'Comparator' && n.name && ORDER.has(n.name) && n.left && n.right) {
      const left = this.visit(n.left, value);
      const right = this.visit(n.right, value);
      if (typeof left === 'string' && typeof right === 'string') {
        return ORDER.get(n.name)!(codePointCompare(left, right));
      }
      if (typeof left === 'number' && typeof right === 'number') {
        return ORDER.get(n.name)!(left - right);
      }
      return null;
    }
    return super.visit(node, value);
  }
};

const ORDER = new Map<string, (c: number) => boolean>([
  ['GT', (c) => c > 0],
  ['GTE', (c) => c >= 0],
  ['LT', (c) => c < 0],
  ['LTE', (c) => c <= 0],
]);

function codePointCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const interpreter = new PythonOrdering();

/** A compiled expression; throws a SyntaxError-like Error on a bad one. */
export interface CompiledExpression {
  readonly text: string;
  search(data: unknown): unknown;
}

/** Compiles `text` once, for evaluation on many objects. */
export function compileExpression(text: string): CompiledExpression {
  const node = compile(text);
  return { text, search: (data) => interpreter.search(node, data as never) };
}

/**
 * Python's truth of a value, which kube-janitor applies to a rule's result (`bool(result)`):
 * null, false, 0, "", [] and {} are false; everything else is true.
 */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') {
    return false;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
