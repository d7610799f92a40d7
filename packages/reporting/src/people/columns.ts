/**
 * Aligns rows into columns two spaces apart; the last column is not padded, so no line ends in
 * spaces. Plain text, no colour: it reads the same in a terminal and in a CI log.
 */
export function alignColumns(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) =>
    r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '),
  );
}

/**
 * A table for people: headers, a rule of dashes, then the rows; wide cells are cut so one row stays
 * one line. `(none)` when there are no rows.
 */
export function textTable(headers: string[], rows: string[][], maxCell = 80): string {
  if (rows.length === 0) return '(none)';
  const cut = (s: string) => (s.length > maxCell ? `${s.slice(0, maxCell - 1)}…` : s);
  const cells = rows.map((r) => r.map((c) => cut(c ?? '')));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  return alignColumns([headers, widths.map((w) => '-'.repeat(w)), ...cells]).join('\n');
}

/** Collects lines of text; `text()` ends with a newline unless nothing was added. */
export class Lines {
  readonly #lines: string[] = [];

  add(line = ''): this {
    this.#lines.push(line);
    return this;
  }

  table(headers: string[], rows: string[][]): this {
    return this.add(textTable(headers, rows));
  }

  text(): string {
    return this.#lines.length === 0 ? '' : `${this.#lines.join('\n')}\n`;
  }
}
