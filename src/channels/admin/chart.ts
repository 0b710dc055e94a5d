import { escapeHtml } from './html.js';

/** Chart geometry (px): small enough for a side column, tall enough to read a label per bar. */
const BAR = 18;
const GAP = 4;
const LABEL = 110;
const WIDTH = 360;

/**
 * A horizontal bar chart as inline SVG (no script, so it works under the page's CSP): one bar per key, the value
 * beside it. Labels are escaped like every other text of the page.
 */
export function barChart(title: string, data: Record<string, number>): string {
  const rows = Object.entries(data);
  if (rows.length === 0) return `<p class="muted">${escapeHtml(title)}: nothing yet.</p>`;
  const max = Math.max(...rows.map(([, v]) => v), 1);
  const height = rows.length * (BAR + GAP);
  const span = WIDTH - LABEL - 40;
  const bars = rows
    .map(([label, value], i) => {
      const y = i * (BAR + GAP);
      const w = Math.max(1, Math.round((value / max) * span));
      return (
        `<text x="${LABEL - 6}" y="${y + BAR - 5}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${LABEL}" y="${y}" width="${w}" height="${BAR}" fill="#4a7bb7"></rect>` +
        `<text x="${LABEL + w + 4}" y="${y + BAR - 5}">${value}</text>`
      );
    })
    .join('');
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" width="${WIDTH}" height="${height}" font-size="12">${bars}</svg></figure>`
  );
}
