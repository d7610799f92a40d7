import { esc } from './escape.js';

/** One line of a line chart. */
export interface Series {
  name: string;
  color: string;
  values: Array<number | null>;
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 40 };

/**
 * An inline SVG line chart: one x position per label, one polyline per series, a legend under it.
 * Drawn on the server, so it shows without scripts and prints as it looks.
 */
export function lineChart(
  title: string,
  labels: readonly string[],
  series: readonly Series[],
  options: { max?: number; unit?: string } = {},
): string {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = options.max ?? niceMax(Math.max(1, ...all));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? innerW / 2 : (i * innerW) / (labels.length - 1));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => {
      const v = max * t;
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${esc(formatTick(v))}${options.unit ?? ''}</text>`;
    })
    .join('');
  const step = Math.max(1, Math.ceil(labels.length / 6));
  const xLabels = labels
    .map((l, i) =>
      i % step === 0 || i === labels.length - 1
        ? `<text x="${x(i).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="axis">${esc(l)}</text>`
        : '',
    )
    .join('');
  const lines = series
    .map((s) => {
      const points = s.values
        .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
        .filter((p): p is string => p !== null);
      if (points.length === 0) return '';
      const dots =
        points.length <= 40
          ? points
              .map(
                (p) =>
                  `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${s.color}"/>`,
              )
              .join('')
          : '';
      return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points.join(' ')}"><title>${esc(s.name)}</title></polyline>${dots}`;
    })
    .join('');
  const legend = series
    .map(
      (s, i) =>
        `<g transform="translate(${PAD.left + i * 130},${H - 10})"><rect width="10" height="10" y="-9" fill="${s.color}"/><text x="14" class="axis">${esc(s.name)}</text></g>`,
    )
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${grid}${xLabels}${lines}${legend}</svg>`;
}

/** Horizontal bars: one per item, labelled with its value. */
export function barChart(
  title: string,
  items: ReadonlyArray<{ label: string; value: number; color?: string; note?: string }>,
  options: { unit?: string; max?: number } = {},
): string {
  const rowH = 22;
  const labelW = 220;
  const height = items.length * rowH + 8;
  const max = options.max ?? niceMax(Math.max(1, ...items.map((i) => i.value)));
  const barW = W - labelW - 80;
  const rows = items
    .map((item, i) => {
      const w = Math.max(1, (item.value / max) * barW);
      const yy = 4 + i * rowH;
      return `<text x="${labelW - 6}" y="${yy + 14}" text-anchor="end" class="axis">${esc(cut(item.label, 34))}</text><rect x="${labelW}" y="${yy + 3}" width="${w.toFixed(1)}" height="14" fill="${item.color ?? '#3b6ea8'}"><title>${esc(item.label)}: ${esc(formatTick(item.value))}${options.unit ?? ''}${item.note ? ` (${esc(item.note)})` : ''}</title></rect><text x="${(labelW + w + 6).toFixed(1)}" y="${yy + 14}" class="axis">${esc(formatTick(item.value))}${options.unit ?? ''}${item.note ? ` ${esc(item.note)}` : ''}</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${rows}</svg>`;
}

/** Grouped vertical bars: per group, one bar per key (a load test's p50, p95, p99). */
export function groupedBars(
  title: string,
  groups: ReadonlyArray<{ label: string; bars: Array<{ key: string; value: number }> }>,
  unit: string,
): string {
  const colors = ['#5b8def', '#f0a030', '#d9534f', '#7a5cc4', '#2a9d8f'];
  const keys = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.key)))];
  const max = niceMax(Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value))));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const groupW = innerW / Math.max(1, groups.length);
  const barW = Math.min(28, (groupW - 10) / Math.max(1, keys.length));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const grid = [0, 0.5, 1]
    .map(
      (t) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(max * t).toFixed(1)}" y2="${y(max * t).toFixed(1)}" class="grid"/><text x="${PAD.left - 6}" y="${(y(max * t) + 4).toFixed(1)}" text-anchor="end" class="axis">${esc(formatTick(max * t))}</text>`,
    )
    .join('');
  const bars = groups
    .map((g, gi) => {
      const x0 = PAD.left + gi * groupW + (groupW - barW * keys.length) / 2;
      const rects = keys
        .map((k, ki) => {
          const bar = g.bars.find((b) => b.key === k);
          if (!bar) return '';
          return `<rect x="${(x0 + ki * barW).toFixed(1)}" y="${y(bar.value).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(PAD.top + innerH - y(bar.value)).toFixed(1)}" fill="${colors[ki % colors.length]}"><title>${esc(g.label)} ${esc(k)}: ${esc(formatTick(bar.value))} ${esc(unit)}</title></rect>`;
        })
        .join('');
      return `${rects}<text x="${(PAD.left + gi * groupW + groupW / 2).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="axis">${esc(cut(g.label, 28))}</text>`;
    })
    .join('');
  const legend = keys
    .map(
      (k, i) =>
        `<g transform="translate(${PAD.left + i * 90},${H - 10})"><rect width="10" height="10" y="-9" fill="${colors[i % colors.length]}"/><text x="14" class="axis">${esc(k)} (${esc(unit)})</text></g>`,
    )
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${grid}${bars}${legend}</svg>`;
}

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function formatTick(v: number): string {
  if (v >= 1000) return `${Math.round(v / 100) / 10}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
