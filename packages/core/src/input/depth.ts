import { SimianError } from '../errors.js';
import { inputLimits } from './limits.js';

/**
 * How deep `value` nests (a scalar is 0, `[]` is 1), stopping once past `limit`; iterative, so a
 * value too deep to recurse over is measured all the same.
 */
export function nestingDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (seen.has(v)) continue;
    seen.add(v);
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, here]);
  }
  return deepest;
}

/**
 * The deepest bracket nesting of a JSON (or flow YAML) text, outside strings: measured before the
 * text is parsed, so a file of a million `[` is refused without the parser recursing on it.
 */
export function bracketDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"') quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Throws a clear error when `value` (or `text`, before it is parsed) nests deeper than the limit. */
export function checkNesting(what: string, input: { value?: unknown; text?: string }): void {
  const max = inputLimits().maxDepth;
  const depth =
    input.text !== undefined ? bracketDepth(input.text, max) : nestingDepth(input.value, max);
  if (depth > max) {
    throw new SimianError('INPUT_INVALID', `${what}: nested more than ${max} levels deep`, {
      hint: 'no Simian file nests this deep; is it the file you meant?',
    });
  }
}
