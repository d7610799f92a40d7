// A strict little XML reader for the JUnit tests: elements, attributes and text, and an error on
// anything unbalanced or unknown. Enough for what Simian writes; no dependency for a test.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(\w+);/g, (_, e: string) => {
    const c = ENTITIES[e];
    if (c === undefined) throw new Error(`unknown entity &${e};`);
    return c;
  });

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = token.exec(body))) {
    end = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = m;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, k, v] of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[k!] = decode(v!);
    const el: XmlElement = { name: name!, attributes, children: [], text: '' };
    top.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (end !== body.length) throw new Error(`cannot read XML at offset ${end}`);
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  const [only, ...rest] = root.children;
  if (!only || rest.length > 0) throw new Error('an XML document has exactly one root element');
  return only;
}
