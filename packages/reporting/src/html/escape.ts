/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON to embed in `<script type="application/json">`: `<` is written as `\u003c` so no string in
 * the data can close the script element, and the line separators JavaScript once choked on are
 * escaped too.
 */
export function scriptJson(value: unknown): string {
  // One pass over what may be tens of megabytes, not three.
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
}

const SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Tells the browser the page may load nothing from anywhere: it must open the same on an
 * air-gapped laptop, and a report that tried to fetch something would show it as an error.
 */
export const NO_NETWORK_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
