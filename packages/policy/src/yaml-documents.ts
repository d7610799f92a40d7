/** One YAML document of a stream, as text, with the 1-based line it starts on. */
export interface YamlDocumentText {
  text: string;
  /** The line of its `---` (or of its first line, for the first document without one). */
  startLine: number;
  /** The line of its first content: not blank, not a comment, not a directive or marker alone. */
  contentLine: number;
}

const DOCUMENT_START = /^---(?:[ \t]|\r?$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t]|\r?$)/;
const DIRECTIVE = /^%/;
const NO_CONTENT = /^(?:[ \t]*(?:#.*)?|---[ \t]*(?:#.*)?|\.\.\.[ \t]*(?:#.*)?|%.*)\r?$/;

/**
 * Splits a YAML stream at its document markers, by lines. A `---` or `...` at the start of a line
 * can only be a marker (YAML forbids them inside any scalar's content), so a line scan finds every
 * boundary a full parse would. Directives (`%YAML`) after a `...` go with the next document.
 */
export function splitYamlDocuments(text: string): YamlDocumentText[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const docs: YamlDocumentText[] = [];
  let start = 0;
  let betweenDocuments = true;
  let pending: number | undefined;
  const close = (end: number) => {
    if (end <= start) return;
    const body = lines.slice(start, end);
    const first = body.findIndex((l) => !NO_CONTENT.test(l));
    const marker = body.findIndex((l) => DOCUMENT_START.test(l));
    // `--- |` or `--- {a: 1}`: the content starts on the marker's own line.
    const inline = marker >= 0 && !NO_CONTENT.test(body[marker]!) ? marker : -1;
    const content = inline >= 0 ? inline : first;
    docs.push({
      text: body.join('\n'),
      startLine: start + 1,
      contentLine: (content >= 0 ? content : 0) + start + 1,
    });
    start = end;
  };
  lines.forEach((line, i) => {
    if (DOCUMENT_START.test(line)) {
      close(pending ?? i);
      pending = undefined;
      betweenDocuments = false;
    } else if (DOCUMENT_END.test(line)) {
      betweenDocuments = true;
    } else if (DIRECTIVE.test(line) && betweenDocuments) {
      pending ??= i;
    }
  });
  close(lines.length);
  return docs;
}
