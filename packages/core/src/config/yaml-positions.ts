import { LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { SimianError, type ConfigIssue, type SourcePosition } from '../errors.js';
import { checkNesting } from '../input/depth.js';
import { formatBytes, inputLimits } from '../input/limits.js';

/**
 * A YAML (or JSON) text parsed with node positions: what lets simian.yaml and experiment files
 * name file:line:column for a problem found on the parsed value.
 */
export interface YamlWithPositions {
  doc: Document;
  /** Syntax errors, each with its position; empty when the text parsed. */
  syntaxErrors: ConfigIssue[];
  /** The position of a character offset in the text. */
  at(offset: number | undefined): SourcePosition | undefined;
  /** The node at `path` (`['method', 2, 'provider']` as strings), if it exists. */
  nodeAt(path: readonly string[]): YamlNode | undefined;
  /** The node at `path`, or its nearest existing parent (the document at worst). */
  nearestNode(path: readonly string[]): YamlNode | undefined;
}

const segment = (s: string): string | number => (/^\d+$/.test(s) ? Number(s) : s);

export function parseYamlWithPositions(text: string, file: string): YamlWithPositions {
  // Text handed in directly (not through readInputFile) meets the same bounds before parsing.
  if (text.length > inputLimits().maxBytes) {
    throw new SimianError(
      'INPUT_INVALID',
      `${file}: ${formatBytes(text.length)}, more than the limit of ${formatBytes(inputLimits().maxBytes)}`,
    );
  }
  checkNesting(file, { text });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    // A warning (a map used as a key) would be a second line on stderr; the schema says what is wrong.
    logLevel: 'error',
  });
  const at = (offset: number | undefined): SourcePosition | undefined => {
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const nodeAt = (path: readonly string[]): YamlNode | undefined => {
    if (path.length === 0) return doc.contents ?? undefined;
    return (doc.getIn(path.map(segment), true) as YamlNode | null) ?? undefined;
  };
  const nearestNode = (path: readonly string[]): YamlNode | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = nodeAt(path.slice(0, n));
      if (node) return node;
    }
    return undefined;
  };
  const syntaxErrors = doc.errors.map((e) => {
    const position = e.pos ? at(e.pos[0]) : undefined;
    return {
      path: '',
      message: `invalid YAML: ${e.message.split('\n')[0]}`,
      ...(position ? { position } : {}),
    };
  });
  return { doc, syntaxErrors, at, nodeAt, nearestNode };
}
