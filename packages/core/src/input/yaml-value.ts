import type { Document } from 'yaml';
import { ConfigError, type SourcePosition } from '../errors.js';
import { nestingDepth } from './depth.js';
import { inputLimits } from './limits.js';

/**
 * The value of a parsed YAML document, within the bounds: aliases that expand past the limit (a
 * "billion laughs" bomb) and nesting past the limit are a `ConfigError` naming the file, never a
 * `ReferenceError` or a stack overflow.
 */
export function boundedYamlValue(doc: Document, file: string, at?: SourcePosition): unknown {
  const { maxAliases, maxDepth } = inputLimits();
  const issue = (message: string) =>
    new ConfigError([
      {
        path: '',
        message,
        ...(at ? { position: at } : { position: { file, line: 1, column: 1 } }),
      },
    ]);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: maxAliases });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw issue(
        `its YAML aliases (*name) expand to more than ${maxAliases} copies; a document that multiplies itself like this is refused`,
      );
    }
    if (e instanceof RangeError)
      throw issue(`nested too deep to read (more than ${maxDepth} levels)`);
    throw e;
  }
  if (nestingDepth(value, maxDepth) > maxDepth) {
    throw issue(`nested more than ${maxDepth} levels deep; no Simian file nests this deep`);
  }
  return value;
}
