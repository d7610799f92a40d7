import type { Document } from 'yaml';
import { boundedYamlValue, checkNesting, parseYamlWithPositions } from '@simian/core';
import type { ConfigIssue, SourcePosition } from '@simian/core';

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
  const { doc, syntaxErrors, at, nearestNode } = parseYamlWithPositions(text, file);
  const positionOf = (path: string) =>
    at(nearestNode(path === '' ? [] : path.split('.'))?.range?.[0]);
  if (/\.json$/i.test(file)) return parseJson(text, file, doc, positionOf);
  return {
    value: syntaxErrors.length ? undefined : boundedYamlValue(doc, file),
    syntaxErrors,
    positionOf,
  };
}

/** JSON is read by JSON.parse (exactly as written); the YAML view only lends positions. */
function parseJson(
  text: string,
  file: string,
  doc: Document,
  positionOf: PositionedDocument['positionOf'],
): PositionedDocument {
  // Before the parse: JSON.parse recurses, and a file of a million `[` would overflow it.
  checkNesting(file, { text });
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
