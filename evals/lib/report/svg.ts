import { xmlEscape } from './junit.js';

/** One bar of a chart. */
export interface Bar {
  label: string;
  /** undefined draws an empty "n/a" row. */
  value?: number;
  /** Shown after the value, e.g. "12/13". */
  detail?: string;
  /** Draw the bar as bad (red) rather than good (green). */
  bad?: boolean;
}

/** Options for {@link barChart}. */
export interface BarChartOptions {
  title: string;
  /** Value of a full-width bar; 1 for rates. */
  max?: number;
  /** How values print; percentages by default. */
  format?: (value: number) => string;
}

export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * A horizontal bar chart as inline SVG (the HTML report must be self-contained: no scripts or assets from
 * anywhere). Labels left, bars middle, values right.
 */
export function barChart(bars: Bar[], options: BarChartOptions): string {
  const format = options.format ?? percent;
  const max = options.max ?? Math.max(1e-9, ...bars.map((b) => b.value ?? 0));
  const labelWidth = 170;
  const barWidth = 220;
  const rowHeight = 22;
  const top = 28;
  const height = top + Math.max(1, bars.length) * rowHeight + 6;
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const width = bar.value === undefined ? 0 : Math.max(1, (Math.min(bar.value, max) / max) * barWidth);
    const value = bar.value === undefined ? 'n/a' : format(bar.value);
    return [
      `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end" class="label">${xmlEscape(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="${rowHeight - 8}" class="track"/>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 8}" class="${bar.bad ? 'bar bad' : 'bar'}"/>`,
      `<text x="${labelWidth + barWidth + 6}" y="${y + 15}" class="value">${xmlEscape(value)}${bar.detail ? ` <tspan class="detail">${xmlEscape(bar.detail)}</tspan>` : ''}</text>`,
    ].join('');
  });
  return `<svg class="chart" role="img" aria-label="${xmlEscape(options.title)}" viewBox="0 0 520 ${height}" width="520" height="${height}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="16" class="title">${xmlEscape(options.title)}</text>${rows.join('')}</svg>`;
}

/** The confusion matrix as an SVG heat map: rows expected, columns actual kind. */
export function confusionChart(confusion: Record<string, Record<string, number>>, columns: string[]): string {
  const rows = Object.keys(confusion);
  const cell = 58;
  const left = 150;
  const top = 95;
  const maxCount = Math.max(1, ...rows.flatMap((r) => Object.values(confusion[r] ?? {})));
  const header = columns.map(
    (c, j) =>
      `<text x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="end" transform="rotate(-35 ${left + j * cell + cell / 2} ${top - 8})" class="label">${xmlEscape(c)}</text>`,
  );
  const body = rows.flatMap((r, i) =>
    [
      `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end" class="label">${xmlEscape(r)}</text>`,
    ].concat(
      columns.map((c, j) => {
        const n = confusion[r]?.[c] ?? 0;
        const diagonal = r.split('|').includes(c);
        const alpha = n === 0 ? 0 : 0.15 + 0.85 * (n / maxCount);
        const fill = diagonal ? `rgba(46,125,50,${alpha.toFixed(2)})` : `rgba(198,40,40,${alpha.toFixed(2)})`;
        return `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell - 2}" height="${cell - 2}" fill="${fill}" class="cell"/><text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" class="value">${n || ''}</text>`;
      }),
    ),
  );
  const width = left + columns.length * cell + 10;
  const height = top + rows.length * cell + 10;
  return `<svg class="chart" role="img" aria-label="Confusion matrix" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="16" class="title">Confusion matrix (rows expected, columns actual)</text>${header.join('')}${body.join('')}</svg>`;
}
