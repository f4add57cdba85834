// Simple bar charts as inline SVG (presentation attributes only, so the
// gateway's style-src 'self' holds). Each chart carries a text alternative
// and is followed by the same numbers in a table, for people who cannot see
// it.

import { type Child, h, svg } from './dom';

export interface Bar {
  label: string;
  value: number;
  /** The text shown at the end of the bar ("62%", "3"). */
  text: string;
}

/** Horizontal bars, one per row, scaled to the largest value (or max). */
export function barChart(o: { title: string; bars: Bar[]; max?: number; id?: string; describe?: string }): HTMLElement {
  const labelWidth = 190;
  const barArea = 340;
  const rowHeight = 30;
  const width = labelWidth + barArea + 70;
  const height = Math.max(o.bars.length, 1) * rowHeight + 8;
  const max = o.max ?? Math.max(1, ...o.bars.map((b) => b.value));
  const titleId = `${o.id ?? 'chart'}-title`;
  const descId = `${o.id ?? 'chart'}-desc`;
  const rows: Child[] = o.bars.map((b, i) => {
    const y = i * rowHeight + 4;
    const w = max > 0 ? Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * barArea)) : 0;
    return svg(
      'g',
      {},
      svg('text', { x: String(labelWidth - 8), y: String(y + 17), 'text-anchor': 'end', class: 'fhub-chart__label' }, b.label),
      svg('rect', { x: String(labelWidth), y: String(y + 2), width: String(w), height: String(rowHeight - 10), class: 'fhub-chart__bar' }),
      svg('text', { x: String(labelWidth + w + 6), y: String(y + 17), class: 'fhub-chart__value' }, b.text),
    );
  });
  const chart = svg(
    'svg',
    {
      class: 'fhub-chart',
      viewBox: `0 0 ${width} ${height}`,
      width: String(width),
      height: String(height),
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      id: o.id,
    },
    svg('title', { id: titleId }, o.title),
    svg('desc', { id: descId }, o.describe ?? o.bars.map((b) => `${b.label}: ${b.text}`).join('; ')),
    svg('line', { x1: String(labelWidth), y1: '0', x2: String(labelWidth), y2: String(height), class: 'fhub-chart__axis' }),
    rows,
  );
  return h('figure', { class: 'fhub-figure' }, h('figcaption', { class: 'govuk-heading-s' }, o.title), chart);
}
