/**
 * Generated sections of hand-written docs: a table whose rows are registry entries lives between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`, and is written by `npm run docs:config`
 * from the registry, so the docs cannot drift from the code (a test compares them).
 */
const marker = (name: string) => ({
  open: `<!-- generated:${name} (npm run docs:config; do not edit by hand) -->`,
  close: `<!-- /generated:${name} -->`,
});

/** `text` with the body of each named section replaced; a section it lacks is an error. */
export function fillSections(file: string, text: string, sections: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const { open, close } = marker(name);
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) {
      throw new Error(`${file} has no generated section "${name}" (${open} ... ${close})`);
    }
    out = `${out.slice(0, start + open.length)}\n\n${body.trimEnd()}\n\n${out.slice(end)}`;
  }
  return out;
}

/** A Markdown table; `|` in cells is escaped so a cell never splits. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (r: string[]) => `| ${r.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
