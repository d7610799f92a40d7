/** How a command prints: a table for people, JSON for machines. */
export type OutputFormat = 'table' | 'json';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain, aligned table; wide cells are cut so one row stays one line. */
export function formatTable(headers: string[], rows: string[][], maxCell = 80): string {
  const cut = (s: string) => (s.length > maxCell ? `${s.slice(0, maxCell - 1)}…` : s);
  const cells = rows.map((r) => r.map((c) => cut(c ?? '')));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const line = (r: string[]) =>
    r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function printTable(headers: string[], rows: string[][]): void {
  process.stdout.write(`${rows.length === 0 ? '(none)' : formatTable(headers, rows)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}
