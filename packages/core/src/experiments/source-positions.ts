import { LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { ConfigIssue, SourcePosition } from '../errors.js';

/**
 * An experiment file's text parsed with node positions, so an issue found on the parsed value
 * (`method.2.provider.url`) can name its file:line:column, as config errors do.
 */
export interface PositionedDocument {
  value: unknown;
  /** YAML or JSON syntax errors, with positions. */
  syntaxErrors: ConfigIssue[];
  /** Where the value at `path` (or its nearest existing parent) starts. */
  positionOf(path: string): SourcePosition | undefined;
}

export function parsePositioned(text: string, file: string): PositionedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): SourcePosition | undefined => {
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const positionOf = (path: string) => at(nearestNode(doc, path)?.range?.[0]);

  if (/\.json$/i.test(file)) return parseJson(text, file, doc, positionOf);

  const syntaxErrors = doc.errors.map((e) => {
    const position = e.pos ? at(e.pos[0]) : undefined;
    return {
      path: '',
      message: `invalid YAML: ${e.message.split('\n')[0]}`,
      ...(position ? { position } : {}),
    };
  });
  return { value: syntaxErrors.length ? undefined : doc.toJS(), syntaxErrors, positionOf };
}

/** JSON is read by JSON.parse (exactly as written); the YAML view only lends positions. */
function parseJson(
  text: string,
  file: string,
  doc: Document,
  positionOf: PositionedDocument['positionOf'],
): PositionedDocument {
  try {
    const value: unknown = JSON.parse(text);
    return {
      value,
      syntaxErrors: [],
      positionOf: doc.errors.length ? () => undefined : positionOf,
    };
  } catch (e) {
    const message = (e as Error).message;
    const offset = /position (\d+)/.exec(message)?.[1];
    const position = offset === undefined ? undefined : linePosition(text, Number(offset), file);
    return {
      value: undefined,
      syntaxErrors: [
        { path: '', message: `invalid JSON: ${message}`, ...(position ? { position } : {}) },
      ],
      positionOf: () => undefined,
    };
  }
}

function linePosition(text: string, offset: number, file: string): SourcePosition {
  const before = text.slice(0, offset).split('\n');
  return { file, line: before.length, column: before[before.length - 1]!.length + 1 };
}

function nearestNode(doc: Document, path: string): YamlNode | undefined {
  const parts = path === '' ? [] : path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = parts.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true)) as YamlNode | null;
    if (node) return node;
  }
  return undefined;
}
