const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * A Go duration (`1m30s`, `500ms`, `1.5h`: what Chaos Mesh and Istio write) in ms, or undefined
 * when `text` is not one.
 */
export function parseGoDuration(text: string): number | undefined {
  const all = /^((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h))+$/;
  if (!all.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  }
  return ms;
}
